package com.perfectwork.mail.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The CPU time the {@link DkimSigningBenchmark} operations take, as the thread's CPU time rather than JMH's
 * elapsed time: on a machine shared with other work the elapsed time measures the other work too
 * ({@code mvn -Pbench verify -Dit.test=DkimSigningCpuBench}; {@code -Dbench.dkim.ops=N} per operation and round).
 */
@Tag("bench")
class DkimSigningCpuBench {

    @Test
    void cpuTimePerMail() throws Exception {
        DkimSigningBenchmark bench = new DkimSigningBenchmark();
        bench.setUp();
        Map<String, Callable<Object>> operations = new LinkedHashMap<>();
        operations.put("a 2 KB mail written (the baseline)", bench::writeOnly);
        operations.put("the 2 KB mail written and signed, rsa-sha256 (2048)", bench::writeAndSignRsa);
        operations.put("the 2 KB mail written and signed, ed25519-sha256", bench::writeAndSignEd25519);
        operations.put("a mail with a 100 KB attachment written", bench::writeOnly100KbAttachment);
        operations.put(
                "the mail with a 100 KB attachment written and signed, ed25519-sha256",
                bench::writeAndSignEd25519With100KbAttachment);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int ops = Integer.getInteger("bench.dkim.ops", 2000);
        System.out.printf("%n| operation | CPU time per mail, 3 rounds |%n|---|---|%n");
        for (Map.Entry<String, Callable<Object>> operation : operations.entrySet()) {
            StringBuilder rounds = new StringBuilder();
            for (int round = 0; round < 4; round++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < ops; i++) {
                    assertThat(operation.getValue().call()).isNotNull();
                }
                double micros = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / ops;
                if (round > 0) { // the first round warms up
                    rounds.append(rounds.length() == 0 ? "" : ", ").append(String.format("%.0f µs", micros));
                }
            }
            System.out.printf("| %s | %s |%n", operation.getKey(), rounds);
        }
        System.out.println();
    }
}
