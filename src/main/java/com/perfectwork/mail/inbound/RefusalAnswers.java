package com.perfectwork.mail.inbound;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.outgoing.SenderAnswer;
import com.perfectwork.mail.outgoing.SenderAnswers;
import com.perfectwork.mail.routing.LoopMarker;
import com.perfectwork.mail.routing.ParsedMail;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the sender of a mail that was not taken is told: that the catchall address is no contact address, that
 * an alias accepts known contacts or followers only, or that it wrote too often. Auto-replies, bounces, mailing
 * lists and mail from our own domain are never answered: answering them is how mail loops start.
 */
@Component
class RefusalAnswers {

    private final SenderAnswers answers;
    private final MailDomainSettings settings;

    RefusalAnswers(SenderAnswers answers, MailDomainSettings settings) {
        this.answers = answers;
        this.settings = settings;
    }

    /** Answers a mail sent to the catchall address only; the note for the inbound log. */
    String catchallOnly(ParsedMail mail) {
        String contact = settings.companyEmail()
                .map(email -> "Please contact us instead using " + email.address() + ".")
                .orElse("Please contact us directly instead.");
        String catchall = settings.catchallDomain()
                .map(domain -> settings.catchallAlias() + "@" + domain)
                .orElse(settings.catchallAlias());
        return answer(
                mail,
                "The email sent to " + catchall + " cannot be processed. This address is used to collect replies and"
                        + " should not be used to directly contact " + settings.companyName() + ". " + contact,
                List.of());
    }

    /** Answers a mail every alias it was sent to refused by its contact policy. */
    String refused(ParsedMail mail, List<String> refusals) {
        return answer(
                mail,
                "Your email could not be delivered: " + String.join("; ", refusals) + ". If you believe this is"
                        + " a mistake, please contact " + settings.companyName() + " by another means.",
                List.of());
    }

    /** Answers a mail stopped by the loop guard; the answer carries the loop marker, so replies to it are ignored. */
    String loop(ParsedMail mail) {
        return answer(
                mail,
                "Your email was not delivered: you have contacted this address too many times in the last "
                        + settings.loopMinutes() + " minutes. Please try again later.",
                settings.catchallDomain().map(LoopMarker::of).stream().toList());
    }

    private String answer(ParsedMail mail, String body, List<String> markers) {
        Optional<String> silence = whyNotAnswered(mail);
        if (silence.isPresent()) {
            return "not answered: " + silence.get();
        }
        EmailAddress to = mail.answerAddress().orElseThrow();
        String subject = mail.subject() == null || mail.subject().isBlank()
                ? "Your email could not be delivered"
                : mail.subject().toLowerCase(Locale.ROOT).startsWith("re:") ? mail.subject() : "Re: " + mail.subject();
        return answers.queue(
                new SenderAnswer(to, subject, body, mail.messageId(), mail.ancestors(), markers, mail.text()));
    }

    private Optional<String> whyNotAnswered(ParsedMail mail) {
        if (mail.answerAddress().isEmpty()) {
            return Optional.of("the mail has no sender to answer (a bounce)");
        }
        if (mail.autoReply()) {
            return Optional.of("an automatic reply is never answered");
        }
        if (mail.mailingList()) {
            return Optional.of("a mailing list is never answered");
        }
        EmailAddress to = mail.answerAddress().get();
        String local = to.localPart().toLowerCase(Locale.ROOT);
        if (local.equals("mailer-daemon") || local.equals("postmaster")) {
            return Optional.of("a mail server is never answered");
        }
        if (settings.catchallDomain()
                .map(domain -> domain.equalsIgnoreCase(to.domain()))
                .orElse(false)) {
            return Optional.of("mail from the alias domain itself is never answered");
        }
        return Optional.empty();
    }
}
