package com.perfectwork.mail.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH micro-benchmarks of the hot paths (From policy and server choice, MIME composition of a notification,
 * parsing a reply and stripping its quoted text), run in a forked JVM and printed as a table.
 * {@code -Dbench.jmh.include=Regex} runs a part of them; {@code -Dbench.jmh.forks=N} more forks.
 */
@Tag("bench")
class MicroBench {

    @Test
    void hotPaths() throws Exception {
        Options options = new OptionsBuilder()
                .include(System.getProperty(
                        "bench.jmh.include",
                        "(ServerChoice|NotificationComposition|ReplyParsing|DkimSigning)Benchmark"))
                .forks(Integer.getInteger("bench.jmh.forks", 1))
                .warmupIterations(5)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        assertThat(results).isNotEmpty();

        System.out.printf(
                "%n| micro-benchmark (JMH, average time) | %s | error (99.9 %%) |%n|---|---|---|%n",
                Machine.describe());
        for (RunResult run : results) {
            Result<?> score = run.getPrimaryResult();
            String name = run.getParams().getBenchmark().replaceFirst("^com\\.perfectwork\\.mail\\.", "");
            String params = run.getParams().getParamsKeys().stream()
                    .map(key -> key + "=" + run.getParams().getParam(key))
                    .reduce((a, b) -> a + ", " + b)
                    .map(p -> " (" + p + ")")
                    .orElse("");
            System.out.printf(
                    "| %s%s | %.2f %s | ± %.2f |%n",
                    name, params, score.getScore(), score.getScoreUnit(), score.getScoreError());
        }
        System.out.println();
    }
}
