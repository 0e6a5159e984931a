package com.perfectwork.mail.bounce;

import java.util.List;

/**
 * How one family of mail servers writes its failure notices: the words that tell its notice from any other mail
 * ({@code marks}: the way its text opens, its markers, a header only it writes), the words of its delay warnings
 * ({@code delays}: the mail is still queued), its own sentences for a reason ({@code says}: they decide over the
 * server's reply it quotes, as au's "The user(s) account is disabled" over the "550 user unknown" below it), and the
 * reason its notices give when their words name none ({@code reason}, or null). Marks and sentences are literal and
 * lower case, matched in lower-cased text with white space folded: linear whatever the text.
 */
record NoticeFamily(String name, List<String> marks, List<String> delays, List<Saying> says, BounceReason reason) {

    /** A sentence of the family's and the reason it means. */
    record Saying(String words, BounceReason reason) {}

    NoticeFamily {
        marks = List.copyOf(marks);
        delays = List.copyOf(delays);
        says = List.copyOf(says);
    }

    static NoticeFamily of(String name, List<String> marks) {
        return new NoticeFamily(name, marks, List.of(), List.of(), null);
    }

    NoticeFamily delays(String... words) {
        return new NoticeFamily(name, marks, List.of(words), says, reason);
    }

    NoticeFamily says(String words, BounceReason means) {
        List<Saying> more = new java.util.ArrayList<>(says);
        more.add(new Saying(words, means));
        return new NoticeFamily(name, marks, delays, more, reason);
    }

    NoticeFamily reason(BounceReason given) {
        return new NoticeFamily(name, marks, delays, says, given);
    }

    /** The reason the family's own sentences in the notice mean, if it says one. */
    java.util.Optional<BounceReason> saidIn(String face) {
        return says.stream()
                .filter(s -> face.contains(s.words()))
                .map(Saying::reason)
                .findFirst();
    }

    /** Whether the notice (its lower-cased face: From, Subject and its own words) is this family's. */
    boolean wrote(String face) {
        return marks.stream().anyMatch(face::contains);
    }

    /** Whether the notice is this family's warning that the mail is still being retried. */
    boolean delayIn(String face) {
        return delays.stream().anyMatch(face::contains);
    }

    static String face(String text) {
        return ReasonWords.fold(text);
    }
}
