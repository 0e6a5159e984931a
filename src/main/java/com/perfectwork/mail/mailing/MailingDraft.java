package com.perfectwork.mail.mailing;

import java.util.List;

/**
 * What a marketer writes of a mailing. Its recipients are either lists ({@code listIds}) or the followers of a model's
 * records ({@code model}, and {@code recordIds} to keep some of them; none: every record of the model).
 * {@code mailServerId} null: the Email Marketing setting (the dedicated server) or the usual choice; {@code tracking}
 * null: on.
 */
public record MailingDraft(
        String subject,
        String previewText,
        String body,
        String emailFrom,
        String replyTo,
        List<Long> listIds,
        String model,
        List<Long> recordIds,
        Long mailServerId,
        Boolean tracking) {

    public MailingDraft {
        listIds = listIds == null ? List.of() : List.copyOf(listIds);
        recordIds = recordIds == null ? List.of() : List.copyOf(recordIds);
    }
}
