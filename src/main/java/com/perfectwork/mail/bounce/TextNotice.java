package com.perfectwork.mail.bounce;

import com.google.re2j.Pattern;
import com.perfectwork.mail.routing.ParsedMail;
import jakarta.mail.internet.InternetHeaders;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A notice without a delivery-status report: its words say that a delivery failed (or is delayed), which address
 * failed and what the server answered. Which family wrote it ({@link NoticeFamilies}) tells its delay warnings and,
 * for a mail that only looks like a report, that it is one.
 */
final class TextNotice {

    /** Words that say a delivery failed, in the languages mail servers write. */
    private static final Pattern FAILURE_WORDS = Pattern.compile(
            "(?i)undeliver|could ?n[o']t be (delivered|sent)|was ?n[o']t delivered|delivery (has )?failed|failure notice"
                    + "|returned mail|mail delivery failed|delivery status notification \\(failure\\)"
                    + "|permanent(ly)? (error|fatal|failed)|failed permanently|unable to deliver|message not delivered"
                    + "|delivery to the following recipient|address not found|non remis|unzustellbar"
                    + "|nicht zugestellt|no se pudo entregar|non consegnat|sorry, no mailbox|could not deliver"
                    + "|error (has )?occurred while|trouble delivering|delivery failure|failed to deliver"
                    + "|cannot be delivered|can't be delivered|not be delivered|rejected your message"
                    + "|送信できませんでした|配信できませんでした|届きませんでした|не может быть доставлено|не доставлено");
    /** Words that say the delivery is only delayed: the mail server still tries. */
    private static final Pattern DELAY_WORDS = Pattern.compile(
            "(?i)warning only|still being retried|delivery status notification \\(delay\\)|has been delayed"
                    + "|will (continue|keep) (trying|to try|retrying)|not yet been delivered|delivery delayed"
                    + "|delayed mail|verzögert|is delayed|could not send (message|mail) for past"
                    + "|you do not need to resend|only a temporary failure|will be retried");

    private static final Pattern AUTO_REPLY_WORDS = Pattern.compile(
            "(?i)out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|vacation|abwesenheit"
                    + "|absence|réponse automatique|respuesta automática");

    private TextNotice() {}

    static BounceReading read(
            Notice read,
            String ourDomain,
            List<InternetHeaders> returned,
            String notice,
            List<String> originals,
            boolean tentative) {
        ParsedMail mail = read.mail();
        String own = read.own();
        String subject = mail.subject() == null ? "" : mail.subject();
        subject = subject.length() <= 1000 ? subject : subject.substring(0, 1000);
        Optional<NoticeFamily> family = read.family();
        boolean failureWords = FAILURE_WORDS.matcher(subject).find()
                || FAILURE_WORDS.matcher(own).find();
        boolean delay =
                DELAY_WORDS.matcher(subject).find() || DELAY_WORDS.matcher(own).find();
        boolean signed = family.isPresent() || mail.fromMailSystem() || mail.failedRecipients() != null;
        if (!signed && tentative) {
            return notAReport(mail, subject);
        }
        if (mail.failedRecipients() == null && family.isEmpty() && !failureWords && !delay) {
            return notAReport(mail, subject);
        }
        Set<String> senders = DsnParser.senders(mail);
        String email = DsnParser.failedRecipient(mail)
                .orElseGet(() -> NoticeText.recipient(own, senders, DsnParser.originalSenders(mail), ourDomain));
        if (email == null) {
            email = DsnParser.returnedRecipient(returned, notice, senders);
        }
        if (email == null && tentative && !mail.fromMailSystem()) {
            return notAReport(mail, subject);
        }
        String diagnostic = NoticeText.diagnostic(own, email);
        String status = StatusCodes.precise(null, diagnostic);
        if (status == null) {
            status = StatusCodes.precise(null, own);
        }
        BounceClassifier.Classification classified = BounceClassifier.classify(status, diagnostic, own);
        BounceReason reason = read.reason(classified.reason());
        boolean delayed = read.familyDelay() || (delay && !failureWords);
        reason = delayed ? BounceClassifier.delayReason(reason) : reason;
        return new BounceReading.Failure(
                email, status, diagnostic, reason, !delayed && classified.hard(), false, delayed, originals);
    }

    private static BounceReading notAReport(ParsedMail mail, String subject) {
        if (AUTO_REPLY_WORDS.matcher(subject).find() || mail.autoReply()) {
            return new BounceReading.NotABounce("an auto-reply, not a delivery failure");
        }
        return new BounceReading.NotABounce("no delivery failure is reported in it");
    }
}
