package com.perfectwork.mail.bounce;

import com.perfectwork.mail.routing.ParsedMail;
import java.util.Optional;

/**
 * A notice as its reading needs it: the mail, its own words, its face (headers and own words, lower-cased and
 * folded, where a family's marks are looked for) and the family that wrote it, if known.
 */
record Notice(ParsedMail mail, String own, String face, Optional<NoticeFamily> family) {

    static Notice of(ParsedMail mail, String own) {
        String face = NoticeFamily.face((mail.headers() == null ? "" : mail.headers()) + "\n" + own);
        return new Notice(mail, own, face, NoticeFamilies.of(face));
    }

    /**
     * The reason of a notice: the family's own sentence for it, if the notice has one, else what the server's reply
     * says, else the family's usual reason.
     */
    BounceReason reason(BounceReason told) {
        BounceReason said = family.flatMap(f -> f.saidIn(face)).orElse(told);
        return said == BounceReason.OTHER && family.map(NoticeFamily::reason).isPresent()
                ? family.get().reason()
                : said;
    }

    /** Whether the family that wrote it says it is a delay warning. */
    boolean familyDelay() {
        return family.map(f -> f.delayIn(face)).orElse(false);
    }
}
