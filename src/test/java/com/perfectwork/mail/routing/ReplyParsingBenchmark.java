package com.perfectwork.mail.routing;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Parsing a typical reply as the inbound pipeline does for every received mail: MIME, headers, bodies, and the
 * new part told from the quoted history. The fixtures are the test suite's Gmail and Outlook replies (run by
 * {@code bench/MicroBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReplyParsingBenchmark {

    @Param({"gmail-reply.eml", "outlook-reply.eml"})
    public String fixture;

    private final MailParser parser = new MailParser(Clock.systemUTC());
    private byte[] raw;

    @Setup
    public void read() throws IOException {
        try (InputStream in = ReplyParsingBenchmark.class.getResourceAsStream("/mail/replies/" + fixture)) {
            raw = in.readAllBytes();
        }
    }

    @Benchmark
    public String parseAndStripQuotedText() throws MessagingException, IOException {
        return parser.parse(raw).strippedText();
    }
}
