package com.perfectwork.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/** The mails a test SMTP server received for one recipient. */
public final class ReceivedMail {

    private ReceivedMail() {}

    public static List<MimeMessage> to(MimeMessage[] received, String recipient) {
        return Arrays.stream(received)
                .filter(mail -> addressedTo(mail, recipient))
                .toList();
    }

    private static boolean addressedTo(MimeMessage mail, String recipient) {
        try {
            return Arrays.stream(mail.getAllRecipients())
                    .anyMatch(
                            address -> ((InternetAddress) address).getAddress().equalsIgnoreCase(recipient));
        } catch (MessagingException e) {
            return false;
        }
    }
}
