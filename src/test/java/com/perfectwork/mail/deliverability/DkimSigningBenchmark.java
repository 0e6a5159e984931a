package com.perfectwork.mail.deliverability;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What DKIM adds to each mail sent: the message written once more to be signed (as the signer does), its body
 * hashed, and the signature, for a notification of about 2 KB and for one with a 100 KB attachment, RSA 2048 and
 * Ed25519, against writing the message alone (run by {@code bench/MicroBench}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DkimSigningBenchmark {

    private static final String TEXT =
            "A notification of about two kilobytes, as a typical chatter message is, with some words. ".repeat(20);

    private final long now = 1_796_000_000L;
    private MimeMessage small;
    private MimeMessage large;
    private SigningKey rsa;
    private SigningKey ed25519;

    @Setup
    public void setUp() throws Exception {
        small = message(0);
        large = message(100 * 1024);
        rsa = key(DkimKey.RSA_SHA256);
        ed25519 = key(DkimKey.ED25519_SHA256);
    }

    /** The baseline: the message written as DATA sends it. */
    @Benchmark
    public int writeOnly() throws MessagingException, IOException {
        return wire(small).length;
    }

    @Benchmark
    public String writeAndSignRsa() throws MessagingException, IOException {
        return DkimSignature.sign(wire(small), rsa, now);
    }

    @Benchmark
    public String writeAndSignEd25519() throws MessagingException, IOException {
        return DkimSignature.sign(wire(small), ed25519, now);
    }

    @Benchmark
    public int writeOnly100KbAttachment() throws MessagingException, IOException {
        return wire(large).length;
    }

    @Benchmark
    public String writeAndSignEd25519With100KbAttachment() throws MessagingException, IOException {
        return DkimSignature.sign(wire(large), ed25519, now);
    }

    private static byte[] wire(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        message.writeTo(new org.eclipse.angus.mail.util.CRLFOutputStream(out), new String[] {"Bcc"});
        return out.toByteArray();
    }

    private static SigningKey key(String algorithm) {
        KeyMaterial material = KeyMaterial.generate(algorithm);
        return new SigningKey(
                "mycompany.com", "pw202612", algorithm, KeyMaterial.privateKey(algorithm, material.privateKeyBase64()));
    }

    private static MimeMessage message(int attachmentBytes) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom(new InternetAddress("ann@mycompany.com", "Ann Author", "UTF-8"));
        message.setRecipient(
                Message.RecipientType.TO, new InternetAddress("mary@customer.example", "Mary Follower", "UTF-8"));
        message.setSubject("Re: Chairs for the office — délai", "UTF-8");
        message.setSentDate(new Date(1_796_000_000_000L));
        MimeMultipart mixed = new MimeMultipart("mixed");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(TEXT, "UTF-8");
        mixed.addBodyPart(text);
        if (attachmentBytes > 0) {
            byte[] bytes = new byte[attachmentBytes];
            new Random(7).nextBytes(bytes);
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(bytes, "application/octet-stream")));
            file.setFileName("quote.bin");
            mixed.addBodyPart(file);
        }
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }
}
