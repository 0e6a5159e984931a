package com.perfectwork.mail.outgoing;

import com.perfectwork.mail.discussion.MailableMessage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * MIME composition of a notification: the message's bodies are encoded once per message ({@code prepare}), then
 * each follower's mail gets its own headers around them ({@code compose}) and is written out as the SMTP
 * session does. A chatter comment of about 2 KB, as in the send benchmark (run by {@code bench/MicroBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class NotificationCompositionBenchmark {

    private static final String COMMENT = "<p>"
            + "A notification of about two kilobytes, as a typical chatter message is, with <b>some</b> markup. "
                    .repeat(20)
            + "</p><ul><li>Chairs: 12</li><li>Desks: 6 — délai 2 semaines</li></ul>";

    private MailableMessage message;
    private NotificationComposer.Content content;
    private InternetAddress from;
    private InternetAddress to;
    private InternetAddress replyTo;
    private final Instant now = Instant.parse("2026-12-03T10:00:00Z");

    @Setup
    public void setUp() throws Exception {
        message = new MailableMessage(
                3,
                9,
                "crm.lead",
                "Chairs for the office",
                11L,
                "Ann Author",
                "ann@mycompany.com",
                "Re: Chairs for the office",
                COMMENT,
                null,
                "<1701.3.crm.lead-9@mycompany.com>",
                "<1700.2.crm.lead-9@mycompany.com>",
                List.of());
        content = NotificationComposer.prepare(message, "https://erp.mycompany.com/web/records/9", null);
        from = new InternetAddress("notifications@mycompany.com", "Ann Author", "UTF-8");
        to = new InternetAddress("mary.follower@customer.example", "Mary Follower", "UTF-8");
        replyTo = new InternetAddress("catchall@mycompany.com", "Mycompany Chairs for the office", "UTF-8");
    }

    /** Once per message: bodies rendered and encoded for all its followers. */
    @Benchmark
    public NotificationComposer.Content prepareOncePerMessage() {
        return NotificationComposer.prepare(message, "https://erp.mycompany.com/web/records/9", null);
    }

    /** Once per follower: headers around the prepared bodies, written out to bytes as DATA sends it. */
    @Benchmark
    public int composeAndWritePerFollower() throws MessagingException, IOException {
        NotificationMail mail = NotificationComposer.compose(content, from, to, replyTo, now);
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        mail.writeTo(out);
        return out.size();
    }
}
