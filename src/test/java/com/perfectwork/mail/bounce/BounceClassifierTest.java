package com.perfectwork.mail.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reason of a failure from the servers' own words, in their languages, and from the code where the words say
 * nothing more: one line a kind of wording the mail server families write.
 */
class BounceClassifierTest {

    @ParameterizedTest(name = "{0} \"{1}\" -> {2}")
    @CsvSource(
            delimiter = '|',
            nullValues = "-",
            value = {
                "5.0.0 | 571 No PTR Record found. Reverse DNS required: 203.0.113.22 | blocked",
                "- | 550 domain [example.com] mismatches client ip 192.0.2.225. | blocked",
                "5.7.26 | 550-5.7.26 Unauthenticated email from example.com is not accepted due to DMARC policy | blocked",
                "5.7.1 | 550 5.7.1 Recipient address rejected: Access denied | user_unknown",
                "5.1.6 | 550 5.1.6 Recipient address rejected: Destination mailbox has moved | user_unknown",
                "5.2.2 | 552 5.2.2 <a@b.example>: Recipient address rejected: Mailbox full | mailbox_full",
                "5.1.8 | 553 5.1.8 Domain of sender address root@host.example does not exist | blocked",
                "5.1.7 | 550 5.1.7 No such domain example.com | blocked",
                "5.0.0 | 550 Unroutable sender address | blocked",
                "5.0.0 | 550 Exim: no such user here | user_unknown",
                "5.0.0 | 550 Utilisateur inconnu | user_unknown",
                "5.0.0 | 550 Benutzer unbekannt | user_unknown",
                "5.0.0 | 550 Mailbox is frozen | suspended",
                "5.7.1 | 550 5.7.1 User kijitora@example.com temporary locked | suspended",
                "4.4.5 | 452 4.4.5 Insufficient disk space; try again later | mailbox_full",
                "5.0.0 | 500 Line limit exceeded | message_too_large",
                "5.4.316 | 550 5.4.316 Message expired, connection refused | expired",
                "5.0.0 | all hosts have been failing for a long time and were last tried after this message arrived | expired",
                "5.2.1 | 550-5.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages | blocked",
                "5.7.1 | 550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers | blocked",
                "5.7.1 | 554 5.7.1 Your email was rejected due to spam classification | rejected_as_spam",
                "5.2.0 | 550 5.2.0 Mail rejete. Mail rejected. OFR_506 [506] | rejected_as_spam",
                "4.2.0 | 421 4.2.0 Service refuse. Veuillez essayer plus tard. OFR005_505 [505] | other",
                "5.0.0 | 554 Message rejected: Email address is not verified. | relay_denied",
                "5.0.0 | 550 Insecure Mail Relay | relay_denied",
                "5.4.1 | 541 5.4.1 Mail rejected by destination domain | blocked",
                "4.3.0 | 451 4.3.0 This message could not be delivered due to a recipient error | other",
                "5.5.0 | 554 <a@b.example>... Service unavailable | other",
                "4.4.1 | - | expired",
                "4.7.0 | 421 4.7.0 [TSS04] Messages from 203.0.113.7 temporarily deferred due to user complaints | blocked",
                "5.0.0 | 553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.7 | blocked",
                "5.0.0 | 550 Connection frequency limited | blocked",
                "4.2.1 | 450 4.2.1 The user you are trying to contact is receiving mail too quickly | blocked",
                "5.0.0 | 550 Relaying denied. Proper authentication required | relay_denied",
                "5.0.0 | 550 Unauthenticated senders not allowed | blocked",
                "5.0.0 | 550 5.4.0 Host unreachable: no route for current request | host_unknown",
                "4.3.0 | 451 4.3.0 Error: queue file write error | other",
                "5.0.0 | 554 5.7.0 Message not accepted for policy reasons | blocked",
            })
    void tellsTheReason(String status, String diagnostic, String reason) {
        assertThat(BounceClassifier.classify(status, diagnostic, null).reason().code())
                .isEqualTo(reason);
    }
}
