package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file of contacts, read one record at a time: never the whole file in memory. The first record is the header
 * row; the address and name columns are found by their header names, in any case and spacing ({@code email} or
 * {@code email address}; {@code name}, {@code full name}, or {@code first name} and {@code last name} as Mailchimp
 * exports them), any other column is left aside. Fields are separated by commas, or by semicolons or tabs when the
 * header row has more of those (the CSV of a spreadsheet in a language whose decimal mark is the comma). The text is
 * UTF-8, with or without its byte order mark; a byte that is not UTF-8 stops the import with a
 * {@link MalformedCsvException}, as does a record that is not CSV.
 */
final class ContactCsv implements Closeable {

    /** A record's cells, {@code line} the line of the file it starts on (the header is line 1). */
    record Row(long line, String name, String email) {

        boolean blank() {
            return name.isEmpty() && email.isEmpty();
        }
    }

    /** The file cannot be read as CSV text from here on; {@code line} is where the reading stopped. */
    static final class MalformedCsvException extends RuntimeException {
        MalformedCsvException(long line, String why, Throwable cause) {
            super("line " + line + ": " + why, cause);
        }
    }

    /** How far the header row is looked at for its separator: a header longer than this is no header. */
    private static final int HEADER_LIMIT = 64 * 1024;

    private static final List<String> EMAIL_HEADERS = List.of("email", "emailaddress", "e-mail", "e-mailaddress");
    private static final List<String> NAME_HEADERS = List.of("name", "fullname", "contactname");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final int emailColumn;
    private final int nameColumn;
    private final int firstNameColumn;
    private final int lastNameColumn;

    private ContactCsv(CSVParser parser, List<String> header) {
        this.parser = parser;
        this.records = parser.iterator();
        this.emailColumn = column(header, EMAIL_HEADERS);
        this.nameColumn = column(header, NAME_HEADERS);
        this.firstNameColumn = column(header, List.of("firstname", "givenname"));
        this.lastNameColumn = column(header, List.of("lastname", "surname", "familyname"));
        if (emailColumn < 0) {
            throw new InvalidInputException(
                    "file", "the header row (line 1) names no email column; its columns are " + header);
        }
    }

    /**
     * Opens the file and reads its header row.
     *
     * @throws InvalidInputException naming {@code file} when it has no header row or no email column, or its first
     *     line is not CSV text
     */
    static ContactCsv open(InputStream in) {
        BufferedReader text = new BufferedReader(new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        try {
            char delimiter = skipByteOrderMarkAndFindDelimiter(text);
            CSVParser parser = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .setTrim(true)
                    .setLenientEof(true)
                    .setTrailingData(true)
                    .get()
                    .parse(text);
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw new InvalidInputException("file", "is empty: a header row (name,email) is required");
            }
            return new ContactCsv(parser, records.next().toList());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new InvalidInputException("file", "line 1: " + reason(e));
        }
    }

    /** The next record with an address or a name (blank lines are passed over), or none at the end of the file. */
    Optional<Row> next() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return Optional.empty();
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw new MalformedCsvException(line, reason(e), e);
            }
            Row row = new Row(line, name(record), cell(record, emailColumn));
            if (!row.blank()) {
                return Optional.of(row);
            }
        }
    }

    private String name(CSVRecord record) {
        if (nameColumn >= 0) {
            return cell(record, nameColumn);
        }
        return (cell(record, firstNameColumn) + " " + cell(record, lastNameColumn)).strip();
    }

    private static String cell(CSVRecord record, int column) {
        return column >= 0 && column < record.size() ? record.get(column).strip() : "";
    }

    /** The index of the first header among {@code names}, compared without case, spaces or underscores; -1 if none. */
    private static int column(List<String> header, List<String> names) {
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i)
                    .toLowerCase(Locale.ROOT)
                    .replace(" ", "")
                    .replace("_", "")
                    .strip();
            if (names.contains(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads past a byte order mark, and looks at the header row for its separator without consuming it: the one of
     * comma, semicolon and tab found most often outside quotes, the comma when none is.
     */
    private static char skipByteOrderMarkAndFindDelimiter(BufferedReader text) throws IOException {
        text.mark(1);
        if (text.read() != '\uFEFF') {
            text.reset();
        }
        text.mark(HEADER_LIMIT + 1);
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0, c = text.read(); i < HEADER_LIMIT && c >= 0 && (quoted || (c != '\n' && c != '\r')); i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
            c = text.read();
        }
        text.reset();
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof java.nio.charset.CharacterCodingException) {
            return "the file is not UTF-8 text: save it as CSV UTF-8";
        }
        return "the file is not valid CSV: " + cause.getMessage();
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
