package com.perfectwork.mail.bounce;

import java.util.List;
import java.util.Optional;

/**
 * The failure notices of the mail servers and providers that write no {@code message/delivery-status} part, or write
 * one a notice must be recognised without (no {@code multipart/report}, no mailer daemon's From): one row per family,
 * the way Sisimai's {@code lhost} modules tell them. The failed recipient, the code and the reason are then read from
 * the notice's words the same way for all ({@link NoticeText}); a family adds how its delay warnings read, and the
 * reason its notices mean when their words name none. The first family whose mark the notice carries is the one.
 */
final class NoticeFamilies {

    static final List<NoticeFamily> ALL = List.of(
            NoticeFamily.of(
                    "DragonFly Mail Agent", List.of("this is the dragonfly mail agent", "(dragonfly mail agent")),
            NoticeFamily.of(
                            "OpenSMTPD",
                            List.of(
                                    "this is the mailer-daemon, please do not reply to this",
                                    "an error has occurred while attempting to deliver a message for"))
                    .delays(
                            "a message is delayed for more than",
                            "delivery status notification: delayed",
                            "delivery status notification: warning"),
            // James writes qmail's words: its own marks come first
            NoticeFamily.of(
                    "Apache James", List.of("this is the james mail server", "james smtp server", "subject: [bounce]")),
            NoticeFamily.of(
                    "qmail",
                    List.of(
                            "this is the qmail-send program",
                            "i'm afraid i wasn't able to deliver your message",
                            "invoked for bounce)")),
            NoticeFamily.of(
                    "qmail clone",
                    List.of(
                            "unable to deliver your message to the following addresses",
                            "this is the machine generated message from mail service",
                            "unfortunately, your mail was not delivered to the following address",
                            "your mail message to the following address",
                            "your message to the following addresses",
                            "su mensaje no pudo ser entregado")),
            NoticeFamily.of(
                            "Zoho",
                            List.of(
                                    "this message was created automatically by mail delivery system",
                                    "mail delivery status notification"))
                    .delays("mail delivery status notification (delay)", "message will be retried for"),
            NoticeFamily.of(
                            "Sendmail",
                            List.of(
                                    "----- the following addresses had permanent fatal errors -----",
                                    "----- transcript of session follows -----",
                                    "returned mail: see transcript for details"))
                    .delays("warning: could not send message for past", "following addresses had transient non-fatal"),
            NoticeFamily.of(
                            "Postfix",
                            List.of(
                                    "this is the mail system at host",
                                    "i'm sorry to have to inform you that your message could not",
                                    "could not be delivered to one or more recipients. it's attached below"))
                    .delays("delayed mail (still being retried)", "# this is a warning only."),
            NoticeFamily.of("Postfix (report to the postmaster)", List.of("subject: postfix smtp server: errors from")),
            // MXLogic runs Exim: its own opening comes first
            NoticeFamily.of("MXLogic", List.of("a message that you have sent could not be delivered to one or more")),
            NoticeFamily.of(
                            "Exim",
                            List.of(
                                    "this message was created automatically by mail delivery software",
                                    "could not be delivered to one or more of its recipients",
                                    "the following address(es) failed",
                                    "contained one or more recipient addresses that were incorrectly constructed"))
                    .delays("this message has not yet been delivered", "no action is required on your part. delivery"),
            NoticeFamily.of("Courier", List.of("running the courier mail server", "notice: mail delivery status")),
            NoticeFamily.of(
                            "Microsoft Exchange and Office 365",
                            List.of(
                                    "did not reach the following recipient(s)",
                                    "did not reach some or all of the intended recipients",
                                    "delivery has failed to these recipients or groups",
                                    "rejected your message to the following email addresses",
                                    "échec de la remise pour ces destinataires ou groupes",
                                    "die zustellung an diese empfänger oder gruppen ist fehlgeschlagen",
                                    "no se pudo entregar a estos destinatarios o grupos"))
                    .delays("delivery is delayed to these recipients or groups"),
            NoticeFamily.of(
                            "Outlook.com and Windows mail services",
                            List.of(
                                    "this is an automatically generated delivery status notification",
                                    "delivery to the following recipients failed",
                                    "delevery to the following recipients was aborted"))
                    .delays("delivery to the following recipients has been delayed"),
            NoticeFamily.of(
                            "Gmail",
                            List.of(
                                    "delivery to the following recipient failed permanently",
                                    "technical details of permanent failure",
                                    "the email account that you tried to reach does not exist",
                                    "your message wasn't delivered to",
                                    "your message couldn't be delivered to",
                                    "there was a problem delivering your message to"))
                    .delays(
                            "delivery to the following recipient has been delayed",
                            "technical details of temporary failure",
                            "delivery status notification (delay)",
                            "gmail will retry"),
            NoticeFamily.of(
                            "Google Groups",
                            List.of(
                                    "the group you tried to contact",
                                    "https://groups.google.com/support",
                                    "may not exist, or you may not have permission to post messages to the group"))
                    .reason(BounceReason.BLOCKED),
            NoticeFamily.of("Yahoo", List.of("sorry, we were unable to deliver your message to the following address")),
            NoticeFamily.of(
                    "Amazon SES and WorkMail",
                    List.of(
                            "an error occurred while trying to deliver the mail to the following recipients",
                            "the following message to <",
                            "this message could not be delivered.")),
            NoticeFamily.of(
                    "Oracle/Sun Messaging Server",
                    List.of(
                            "this report relates to a message you sent with the following header fields",
                            "your message cannot be delivered to the following recipients")),
            NoticeFamily.of("IBM Domino", List.of("delivery failure:", "was not delivered to:")),
            NoticeFamily.of("Lotus Notes", List.of("------- failure reasons", "undeliverable message")),
            NoticeFamily.of("Amavis", List.of("the message was not relayed to:", "the message was not delivered to:")),
            NoticeFamily.of(
                    "Ipswitch IMail",
                    List.of(
                            "body of message generated response:",
                            "x-mailer: <smtp32 v",
                            "user mailbox exceeds allowed size:")),
            NoticeFamily.of("Trend Micro InterScan", List.of("message from interscan messaging security suite")),
            NoticeFamily.of(
                    "MailFoundry",
                    List.of("unable to deliver message to: <", "delivery failed for the following reason:")),
            NoticeFamily.of("m-FILTER", List.of("「m-filter」が自動的に生成して送信しています", "-------server message")),
            NoticeFamily.of("McAfee", List.of("--- the following addresses had delivery problems ---")),
            NoticeFamily.of(
                    "MailMarshal",
                    List.of("could not be delivered because of", "the following recipients were affected")),
            NoticeFamily.of("Mimecast", List.of("this is a delivery failure notification message indicating that")),
            NoticeFamily.of("SendGrid", List.of("this is an automatically generated message from sendgrid")),
            NoticeFamily.of("SurfControl", List.of("a transcript of the attempts to send the message follows")),
            NoticeFamily.of(
                    "PowerMTA", List.of("i am sending you this message to inform you on the delivery status of a")),
            NoticeFamily.of(
                            "Sendmail-like appliance",
                            List.of(
                                    "---the following addresses had delivery errors---",
                                    "----- the following addresses had delivery problems -----",
                                    "----- non-delivered information -----"))
                    .delays("warning--could not send mail for past")
                    .says("the number of messages in recipient's mailbox exceeded", BounceReason.MAILBOX_FULL),
            NoticeFamily.of(
                    "Unknown MTA (Unable to deliver message)",
                    List.of("unable to deliver message to the following address(es)")),
            NoticeFamily.of(
                    "Unknown MTA (trouble delivering)",
                    List.of("we had trouble delivering your message. full details follow")),
            NoticeFamily.of("Barracuda", List.of("was blocked by our spam & virus firewall")),
            NoticeFamily.of(
                            "au by KDDI",
                            List.of(
                                    "your mail sent on:",
                                    "your mail attempted to be delivered on:",
                                    "could not be delivered to: <"))
                    .says("as their mailbox is full", BounceReason.MAILBOX_FULL)
                    .says("due to the following smtp relay error", BounceReason.RELAY_DENIED)
                    .says("as the remote domain doesnt exist", BounceReason.HOST_UNKNOWN),
            NoticeFamily.of(
                            "au EZweb and other Japanese carriers",
                            List.of(
                                    "mail system error - returned mail",
                                    "次のあて先へのメッセージはエラーのため送信できませんでした",
                                    "the user(s) account is",
                                    "each of the following recipients was rejected by a remote mail server"))
                    .says("the user(s) account is disabled", BounceReason.SUSPENDED)
                    .says("the user(s) account is temporarily limited", BounceReason.SUSPENDED)
                    .says("the user(s) account is temporarily over quota", BounceReason.MAILBOX_FULL)
                    .says("your message was not delivered within", BounceReason.EXPIRED),
            NoticeFamily.of(
                    "Verizon and US carriers",
                    List.of("post_master@vtext.com", ".vzwpix.com", "message details:\n", "error message below:")),
            NoticeFamily.of(
                    "fml mailing list manager",
                    List.of(
                            "duplicated message-id",
                            "you are not a member of this mailing list",
                            "not member article from",
                            "subject: loop alert:",
                            "subject: loop back warning:",
                            "fml system error message")),
            NoticeFamily.of(
                    "Mail.Ru and Yandex",
                    List.of(
                            "это письмо создано автоматически сервером mail.ru",
                            "это письмо отправлено почтовым сервером yandex.ru")));

    private NoticeFamilies() {}

    /** The family whose notice this is, from its lower-cased face ({@link NoticeFamily#face}), if any. */
    static Optional<NoticeFamily> of(String face) {
        return ALL.stream().filter(f -> f.wrote(face)).findFirst();
    }
}
