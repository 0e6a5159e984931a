package com.perfectwork.mail.routing;

import com.google.re2j.Pattern;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The header block Outlook, Hotmail, Yahoo and the forwarding clients write above the mail they quote
 * ("From: Ann / Sent: Tuesday / To: Bob / Subject: Chairs"), in the languages they write it, bold ("*From:*") or
 * plain, often under a rule ("________________________________").
 *
 * <p>A block opens with a sender or a date field and holds at least two different fields, or is a single sender
 * field naming an address ("From: Ann &lt;ann@x&gt;", "De : Ann [mailto:ann@x]"). A field's value may be folded over
 * the next line. At most {@link #MAX_LINES} lines are read for a block.
 */
final class HeaderBlocks {

    /** The most lines of one header block. */
    static final int MAX_LINES = 12;

    /** The fields of a header block, each with its names in the languages clients write them in. */
    enum Field {
        FROM(
                "from", // English
                "de|expéditeur", // French, Spanish, Portuguese
                "von|absender", // German
                "van|afzender", // Dutch
                "da|mittente", // Italian
                "remitente", // Spanish
                "od|nadawca", // Polish, Czech
                "fra|afsender|avsender", // Danish, Norwegian
                "från|avsändare", // Swedish
                "lähettäjä", // Finnish
                "от|від", // Russian, Ukrainian
                "feladó", // Hungarian
                "kimden", // Turkish
                "de la", // Romanian
                "από", // Greek
                "发件人|寄件者|差出人|보낸 사람"), // Chinese, Japanese, Korean
        DATE(
                "sent|date", // English
                "envoyé|envoyé le", // French
                "gesendet|datum", // German, Dutch, Swedish
                "verzonden|verstuurd", // Dutch
                "inviato|data", // Italian, Portuguese, Polish
                "enviado|enviada em|enviado el|fecha", // Spanish, Portuguese
                "wysłano|wysłane", // Polish
                "sendt|dato", // Danish, Norwegian
                "skickat", // Swedish
                "lähetetty|päivämäärä", // Finnish
                "отправлено|дата|надіслано", // Russian, Ukrainian
                "odesláno", // Czech
                "elküldve|dátum", // Hungarian
                "gönderildi|tarih", // Turkish
                "trimis", // Romanian
                "στάλθηκε|ημερομηνία", // Greek
                "发送时间|日期|送信日時|日付|보낸 날짜"), // Chinese, Japanese, Korean
        TO(
                "to", // English
                "à|destinataire", // French
                "an|empfänger", // German
                "aan", // Dutch
                "a|destinatario", // Italian, Spanish
                "para", // Spanish, Portuguese
                "do", // Polish
                "til|till", // Danish, Norwegian, Swedish
                "vastaanottaja", // Finnish
                "кому|komu", // Russian, Czech
                "címzett", // Hungarian
                "kime", // Turkish
                "către", // Romanian
                "προς", // Greek
                "收件人|宛先|받는 사람"), // Chinese, Japanese, Korean
        CC("cc|dw|kopi|kopie|copie|cópia|copia|kopia|kopio|копия|másolat|κοιν|抄送"),
        SUBJECT(
                "subject", // English
                "objet", // French
                "betreff", // German
                "onderwerp", // Dutch
                "oggetto", // Italian
                "asunto", // Spanish
                "assunto", // Portuguese
                "temat", // Polish
                "emne", // Danish, Norwegian
                "ämne", // Swedish
                "aihe", // Finnish
                "тема", // Russian, Ukrainian
                "předmět", // Czech
                "tárgy", // Hungarian
                "konu", // Turkish
                "subiect", // Romanian
                "θέμα", // Greek
                "主题|主旨|件名|제목"), // Chinese, Japanese, Korean
        REPLY_TO("reply-to|répondre à|antwort an|responder a|rispondi a|beantwoorden - aan|odpowiedź do");

        private final List<String> names;

        Field(String... names) {
            this.names = Arrays.stream(String.join("|", names).split("\\|")).toList();
        }

        /** The field's names, in every language, lower-cased. */
        List<String> names() {
            return names;
        }
    }

    /** Each name of a field, lower-cased, and its field. */
    private static final Map<String, Field> BY_NAME = byName();

    /** The longest name of a field: a longer text before a colon is no field's. */
    private static final int LONGEST_NAME = 24;

    private static final Set<Field> OPENING = EnumSet.of(Field.FROM, Field.DATE);

    /** An address a sender field names: "&lt;ann@x&gt;", "[mailto:ann@x]", "(ann@x)". */
    private static final Pattern NAMED_ADDRESS =
            Pattern.compile("[<\\[(](?:mailto:)?[^ <>\\[\\]()@]+@[^ <>\\[\\]()]+[>\\])]");

    /** The rule Outlook and Gmail draw above a header block: underscores, dashes, stars. */
    private static final Pattern RULE = Pattern.compile("^\\*?(?:_{5,}|-{5,}|={5,})\\*?$");

    private HeaderBlocks() {}

    /** The field each line is, or null: read once per line. */
    static Field[] fieldsOf(List<String> lines) {
        Field[] fields = new Field[lines.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = field(lines.get(i)).orElse(null);
        }
        return fields;
    }

    /**
     * The last line of the header block opening at line {@code start}, if one does.
     *
     * @param lines the lines, as {@link ReplyLines#normalized} reads them
     * @param fields the field each line is, as {@link #fieldsOf} reads them
     */
    static Optional<Integer> endOfOneAt(List<String> lines, Field[] fields, int start) {
        Field opening = fields[start];
        if (opening == null || !OPENING.contains(opening)) {
            return Optional.empty();
        }
        Set<Field> seen = EnumSet.of(opening);
        int end = start;
        for (int i = start + 1; i < lines.size() && i <= start + MAX_LINES; i++) {
            if (lines.get(i).isEmpty()) {
                break;
            }
            if (fields[i] != null) {
                seen.add(fields[i]);
                end = i;
            } else if (!foldedValue(lines, fields, i)) {
                break;
            }
        }
        if (seen.size() >= 2) {
            return Optional.of(end);
        }
        boolean namesAnAddress =
                opening == Field.FROM && NAMED_ADDRESS.matcher(lines.get(start)).find();
        return namesAnAddress ? Optional.of(start) : Optional.empty();
    }

    /** Whether a line is a rule ("_____", "-----"), which a client may draw above a header block. */
    static boolean isRule(String line) {
        return RULE.matcher(line).matches();
    }

    /** A line not a field continues the one above it when a field follows it within two lines. */
    private static boolean foldedValue(List<String> lines, Field[] fields, int i) {
        for (int next = i + 1; next <= i + 2 && next < lines.size(); next++) {
            if (lines.get(next).isEmpty()) {
                return false;
            }
            if (fields[next] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The field a line is: a name, bold or not ("*From:*"), a space allowed before its colon ("De :"), then the
     * value. Looked up by name: no pattern runs over the line.
     */
    private static Optional<Field> field(String line) {
        int colon = line.indexOf(':');
        if (colon < 0 || colon > LONGEST_NAME + 6) {
            return Optional.empty();
        }
        int start = 0;
        int end = colon;
        while (start < end && (line.charAt(start) == '*' || line.charAt(start) == ' ')) {
            start++;
        }
        while (end > start && (line.charAt(end - 1) == '*' || line.charAt(end - 1) == ' ')) {
            end--;
        }
        return Optional.ofNullable(BY_NAME.get(line.substring(start, end).toLowerCase(Locale.ROOT)));
    }

    private static Map<String, Field> byName() {
        Map<String, Field> byName = new HashMap<>();
        for (Field field : Field.values()) {
            for (String name : field.names) {
                byName.putIfAbsent(name, field);
            }
        }
        return Map.copyOf(byName);
    }
}
