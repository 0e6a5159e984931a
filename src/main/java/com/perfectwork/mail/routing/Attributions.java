package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The line a client writes above the mail it quotes ("On Tue, 24 Nov 2026 at 18:05, Ann &lt;ann@x&gt; wrote:"), in
 * the shapes and languages clients write it, folded over up to {@link #MAX_LINES} lines as clients wrap it.
 *
 * <p>The shapes, each with its verb from {@link #VERBS} (a word of its own: "wrote", "a écrit", "написал"):
 *
 * <ol>
 *   <li>an opener from {@link #OPENERS}, then the verb at the end: "On … Ann &lt;ann@x&gt; wrote:", "Le … a écrit :",
 *       "On 11-Apr-2011, Roman sent:";
 *   <li>an opener, the verb, the name, a colon: "Op … schreef Ann &lt;ann@x&gt;:", "Am … schrieb Ann:";
 *   <li>a year, then the verb, and a colon at the end: "понедельник, 6 октября 2014 г. пользователь Ann написал:",
 *       "tir. 18. apr. 2017 kl. 13:09 skrev Ann &lt;ann@x&gt;:";
 *   <li>an address, then the verb at the end or a colon: "Ann &lt;ann@x&gt; wrote:", "Ann &lt;ann@x&gt; schrieb am Di.,
 *       16. Aug. 2016 um 12:52 Uhr:";
 *   <li>a "via" then the verb at the end: "ann via Discourse Meta wrote:";
 *   <li>Android's "---- Ann wrote ----";
 *   <li>a webmail's {@link #QUOTING}, an address and a colon: "Quoting Ann &lt;ann@x&gt;:";
 *   <li>without a verb: a date then an address and a colon ("2014-10-17 11:28 GMT+03:00 Ann &lt;ann@x&gt;:",
 *       "26.06.2014, 14:41, "Ann" &lt;ann@x&gt;:", Russian Gmail's "вт, 5 янв. 2016 г. в 23:39, Ann &lt;ann@x&gt;:"), a
 *       numeric date then an address ("2011/4/7 Ann &lt;ann@x&gt;"), Gmail's "2016-03-03 17:21 GMT+01:00 Ann".
 * </ol>
 *
 * <p>An attribution is found from its last line (ending with a colon, a "wrote" verb or an address) back to its
 * first: the earliest start that opens one (an opener and a date, a numeric date, an address left open), else the
 * latest start that reads as one, so that a line of the reply just above it is never taken in. A candidate is at
 * most {@link #MAX_LENGTH} characters; its verbs and openers are found by plain search, the address of a verb-less
 * one matched with RE2/J: linear in the text.
 */
final class Attributions {

    /** The most lines an attribution is folded over, an empty one included (Polymail: "On …" / "" / "&lt;" / …). */
    static final int MAX_LINES = 5;

    /** The longest attribution read: longer text is prose. */
    static final int MAX_LENGTH = 500;

    /** Words opening an attribution, by language, lower-cased. */
    static final List<String> OPENERS = List.of(
            "on",
            "at",
            "in message", // English
            "le", // French
            "am", // German
            "el",
            "el día", // Spanish
            "il",
            "il giorno",
            "in data", // Italian
            "em",
            "no dia", // Portuguese
            "op", // Dutch
            "w dniu",
            "dnia", // Polish
            "dne",
            "dňa", // Czech, Slovak
            "den",
            "på", // Danish, Norwegian, Swedish
            "vào",
            "vào lúc", // Vietnamese
            "στις", // Greek
            "în", // Romanian
            "在"); // Chinese

    /** Words opening the attribution of a webmail (Horde), whose shape is "Quoting Ann &lt;ann@x&gt;:". */
    static final List<String> QUOTING = List.of("quoting", "zitat von", "citando", "citation de", "cytuję");

    /** The verbs of an attribution, by language, lower-cased, each a word of its own. */
    static final List<String> VERBS = List.of(
            "wrote",
            "writes",
            "said",
            "says", // English
            "a écrit",
            "écrit",
            "nous a dit", // French
            "schrieb",
            "geschrieben",
            "schrieben sie", // German
            "escribió",
            "escribio", // Spanish
            "ha scritto",
            "scritto", // Italian
            "escreveu", // Portuguese
            "schreef",
            "geschreven",
            "het volgende geschreven",
            "verzond", // Dutch
            "napisał(a)",
            "napisała",
            "napisał",
            "pisze", // Polish
            "napsal(a)",
            "napsala",
            "napsal",
            "napísal", // Czech, Slovak
            "skrev", // Danish, Norwegian, Swedish
            "kirjoitti", // Finnish
            "írta", // Hungarian
            "yazdı", // Turkish
            "a scris", // Romanian
            "έγραψε", // Greek
            "написал(а)",
            "написала",
            "написал",
            "написав",
            "пише", // Russian, Ukrainian
            "đã viết", // Vietnamese
            "작성"); // Korean

    private static final List<String> SPACED_VERBS =
            VERBS.stream().map(verb -> " " + verb).toList();

    /** The most verbs looked at in a candidate: an attribution has one, a name may hold another word like one. */
    private static final int MAX_VERBS = 3;

    /** The verbs written right after the name, without a space. */
    static final List<String> JOINED_VERBS = List.of("写道", "寫道", "のメッセージ"); // Chinese, Japanese

    private static final Set<String> OPENING_WORDS = Set.copyOf(OPENERS);

    private static final Set<String> QUOTING_WORDS = Set.copyOf(QUOTING);

    /** "On … sent:": only after an opener is "sent" an attribution's verb. */
    private static final String SENT = "sent";

    /** An address closing a verb-less attribution, from its opening bracket: "&lt;ann@x&gt;:", "(ann@x)". */
    private static final Pattern ADDRESS_AT_END =
            Pattern.compile("^[<(\\[] ?(?:mailto:)?[^ <>()\\[\\]@]+@[^ <>()\\[\\]]+ ?[>)\\]] ?:?$");

    /** Gmail's "2016-03-03 17:21 GMT+01:00 Ann", lower-cased. */
    private static final Pattern GMT_DATED = Pattern.compile(
            "^(?:19|20)[0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9]{1,2}:[0-9][0-9] gmt[+-][0-9]{1,2}:[0-9][0-9] [^<>@:]+$");

    private Attributions() {}

    /**
     * The first line of the attribution ending at line {@code end}, or -1 when none ends there.
     *
     * @param lines the lines, as {@link ReplyLines#normalized} reads them
     * @param quoted which lines are quoted ("&gt; …"): an attribution starts on none, and ends on one only when the
     *     client wrapped its last word or colon there ("&gt; wrote:", "&gt;:")
     */
    static int startOfOneEndingAt(List<String> lines, boolean[] quoted, int end) {
        String last = lines.get(end);
        if (!endsLikeOne(last) || (quoted[end] && last.length() > 12)) {
            return -1;
        }
        int latest = -1;
        int dated = -1;
        String joined = "";
        int empties = 0;
        for (int start = end; start > end - MAX_LINES && start >= 0; start--) {
            String line = lines.get(start);
            if (line.isEmpty()) {
                if (++empties > 1 || start == end) {
                    break;
                }
                continue;
            }
            if ((quoted[start] && start != end) || (start != end && endsASentence(line))) {
                break;
            }
            joined = joined.isEmpty() ? line : line + " " + joined;
            if (joined.length() > MAX_LENGTH) {
                break;
            }
            if (quoted[start]) {
                continue;
            }
            // above a first match, only a line that opens one is looked for ("On …" / "&lt;" / "ann@x&gt; wrote:")
            boolean opening = opensOne(line);
            if ((latest < 0 || opening) && isOne(joined)) {
                latest = latest < 0 ? start : latest;
                dated = opening ? start : dated;
            }
        }
        return dated >= 0 ? dated : latest;
    }

    /** Whether a text, on one line, is an attribution. */
    static boolean isOne(String text) {
        String folded = folded(text);
        String lower = folded.toLowerCase(Locale.ROOT);
        if (lower.startsWith("--") && lower.endsWith("--") && verbAt(lower) >= 0) {
            return true; // Android's "---- Ann wrote ----"
        }
        String bare = undecorated(lower);
        if (bare.isEmpty()) {
            return false;
        }
        if (verbless(bare)) {
            return true;
        }
        boolean colon = bare.endsWith(":");
        boolean opened = opener(bare);
        int from = 0;
        for (int verbs = 0; verbs < MAX_VERBS && from < bare.length(); verbs++) {
            int verb = verbAt(bare, from);
            if (verb < 0) {
                break;
            }
            from = verbEnd(bare, verb);
            boolean last = bare.substring(from).replace(":", "").isBlank();
            if (opened && (last || colon)
                    || colon && hasYear(bare, verb)
                    || bare.lastIndexOf('@', verb) >= 0 && (last || colon)
                    || last && bare.lastIndexOf(" via ", verb) > 0) {
                return true;
            }
        }
        return opened && (bare.endsWith(" " + SENT) || bare.endsWith(" " + SENT + ":"))
                || colon && bare.indexOf('@') >= 0 && startsWithOneOf(bare, QUOTING_WORDS);
    }

    /**
     * Whether a text is a verb-less attribution: an address closing it after a date or a time, and a colon
     * ("2014-10-17 11:28 GMT+03:00 Ann &lt;ann@x&gt;:"), or after a numeric date opening it ("2011/4/7 Ann
     * &lt;ann@x&gt;"); or Gmail's GMT-dated one ("2016-03-03 17:21 GMT+01:00 Ann"). Only the address is matched by
     * a pattern, from its opening bracket.
     */
    private static boolean verbless(String bare) {
        int open = Math.max(bare.lastIndexOf('<'), Math.max(bare.lastIndexOf('('), bare.lastIndexOf('[')));
        if (open >= 0
                && bare.indexOf('@', open) > 0
                && ADDRESS_AT_END.matcher(bare.substring(open)).matches()) {
            String head = bare.substring(0, open);
            boolean dated = hasYear(head, head.length()) || hasTime(head);
            return dated && bare.endsWith(":") || startsWithNumericDate(head) && head.endsWith(" ");
        }
        return bare.contains("gmt") && GMT_DATED.matcher(bare).matches();
    }

    /**
     * Whether a line opens a folded attribution: an opener and a date ("On Tue, 24 Nov 2026, Ann"), a numeric date
     * ("02.04.2012 14:20 Ann"), or an address left open for the next line ("Ann &lt;").
     */
    private static boolean opensOne(String line) {
        String lower = line.toLowerCase(Locale.ROOT);
        char last = lower.charAt(lower.length() - 1);
        return opener(undecorated(lower)) && hasDigit(lower)
                || startsWithNumericDate(lower)
                || last == '<'
                || last == '(';
    }

    private static boolean opener(String lower) {
        return startsWithOneOf(lower, OPENING_WORDS);
    }

    /** Whether a text starts with one of the words (of one or two words each), and a space after it. */
    private static boolean startsWithOneOf(String lower, Set<String> words) {
        int first = lower.indexOf(' ');
        if (first <= 0) {
            return false;
        }
        if (words.contains(lower.substring(0, first))) {
            return true;
        }
        int second = lower.indexOf(' ', first + 1);
        return second > 0 && words.contains(lower.substring(0, second));
    }

    /** The position of the first verb in a lower-cased text, -1 if none. */
    private static int verbAt(String lower) {
        return verbAt(lower, 0);
    }

    /**
     * The position of the first verb at or after {@code from}: a spaced verb from just before its space, a joined
     * one from its first character; -1 if none.
     */
    private static int verbAt(String lower, int from) {
        int first = -1;
        for (String verb : SPACED_VERBS) {
            for (int at = lower.indexOf(verb, from); at >= 0; at = lower.indexOf(verb, at + 1)) {
                if (endsAWord(lower, at + verb.length())) {
                    first = first < 0 ? at : Math.min(first, at);
                    break;
                }
            }
        }
        for (String verb : JOINED_VERBS) {
            int at = lower.indexOf(verb, from);
            if (at >= 0) {
                first = first < 0 ? at : Math.min(first, at);
            }
        }
        return first;
    }

    /** Where the verb found at {@code at} ends: its longest form there ("napisał(a)" rather than "napisał"). */
    private static int verbEnd(String lower, int at) {
        int end = at + 1;
        for (String verb : SPACED_VERBS) {
            if (lower.startsWith(verb, at) && endsAWord(lower, at + verb.length())) {
                end = Math.max(end, at + verb.length());
            }
        }
        for (String verb : JOINED_VERBS) {
            if (lower.startsWith(verb, at)) {
                end = Math.max(end, at + verb.length());
            }
        }
        return end;
    }

    private static boolean endsAWord(String text, int end) {
        return end >= text.length() || " :(-,".indexOf(text.charAt(end)) >= 0;
    }

    /** Whether a year (19xx, 20xx) is written before {@code end}. */
    private static boolean hasYear(String text, int end) {
        for (int i = 0; i + 4 <= end; i++) {
            if ((text.startsWith("19", i) || text.startsWith("20", i))
                    && Character.isDigit(text.charAt(i + 2))
                    && Character.isDigit(text.charAt(i + 3))
                    && (i == 0 || !Character.isDigit(text.charAt(i - 1)))
                    && (i + 4 == text.length() || !Character.isDigit(text.charAt(i + 4)))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a time (18:05) is written in a text. */
    private static boolean hasTime(String text) {
        for (int i = 1; i + 2 < text.length(); i++) {
            if (text.charAt(i) == ':'
                    && Character.isDigit(text.charAt(i - 1))
                    && Character.isDigit(text.charAt(i + 1))
                    && Character.isDigit(text.charAt(i + 2))) {
                return true;
            }
        }
        return false;
    }

    /** Whether a text opens with a numeric date: 02.04.2012, 2014-10-17, 4/7/2011, 2011/4/7. */
    private static boolean startsWithNumericDate(String text) {
        int i = 0;
        for (int part = 0; part < 3; part++) {
            int digits = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && digits < 4) {
                i++;
                digits++;
            }
            if (digits == 0 || part == 1 && digits > 2) {
                return false;
            }
            if (part < 2) {
                if (i >= text.length() || "-/.".indexOf(text.charAt(i)) < 0) {
                    return false;
                }
                i++;
            }
        }
        return i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == ',';
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The text with its white space folded into single spaces. */
    private static String folded(String text) {
        if (isFolded(text)) {
            return text;
        }
        StringBuilder folded = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = folded.length() > 0;
            } else {
                if (space) {
                    folded.append(' ');
                    space = false;
                }
                folded.append(c);
            }
        }
        return folded.toString();
    }

    private static boolean isFolded(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && Character.isWhitespace(c) || c == ' ' && (i == 0 || text.charAt(i - 1) == ' ')) {
                return false;
            }
        }
        return text.isEmpty() || text.charAt(text.length() - 1) != ' ';
    }

    /** The text without the dashes, stars and underscores written around an attribution for show. */
    private static String undecorated(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && "-*_ ".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && "-*_ ".indexOf(text.charAt(end - 1)) >= 0) {
            end--;
        }
        return text.substring(start, end);
    }

    /**
     * Whether a line may be the last of an attribution: a colon, an address or a "wrote" verb at its end, or the
     * GMT offset of Gmail's dated one. Cheap, so that only those lines are looked at further.
     */
    private static boolean endsLikeOne(String line) {
        String end = undecorated(line);
        if (end.isEmpty()) {
            return false;
        }
        char last = end.charAt(end.length() - 1);
        if (last == ':' || last == '>' || last == ')' || last == ']' || line.contains("GMT")) {
            return true;
        }
        String lower = end.toLowerCase(Locale.ROOT);
        return lower.endsWith("wrote") || lower.endsWith("schrieb") || lower.endsWith("écrit");
    }

    /** A line ending a sentence of prose ("… tomorrow." "Thanks!"), which no attribution is folded after. */
    private static boolean endsASentence(String line) {
        char last = line.charAt(line.length() - 1);
        if (last == '!' || last == '?') {
            return true;
        }
        if (last != '.') {
            return false;
        }
        int word = line.length() - 1;
        while (word > 0 && Character.isLetter(line.charAt(word - 1))) {
            word--;
        }
        // "janv." "Aug." "г." are a date's abbreviations; "tomorrow." ends a sentence
        return line.length() - 1 - word >= 5;
    }
}
