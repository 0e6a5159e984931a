package com.perfectwork.mail.mailing;

import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One import reading its file: each row checked (an address, a valid one, not met earlier in the file) and either
 * kept for the next batch or refused with its line and reason. What is kept between batches is one entry per address
 * read so far (to find the duplicates: some 100 bytes each, 10 MB for 100 000 rows), never the file.
 */
final class ImportRun {

    private final ContactCsv csv;
    private final CountedInput input;
    private final Map<String, Long> seen = new HashMap<>();

    ImportRun(ContactCsv csv, CountedInput input) {
        this.csv = csv;
        this.input = input;
    }

    /** A batch of the file: the valid rows and the refused ones among {@code rows} read, up to byte {@code bytesRead}. */
    record Batch(List<ContactBatch.ImportedContact> contacts, List<RefusedLine> refused, long rows, long bytesRead) {

        ImportLog.Progress progress(ContactBatch.Counts counts) {
            return new ImportLog.Progress(
                    bytesRead, rows, counts.created(), counts.updated(), counts.optedOut(), refused);
        }
    }

    /**
     * Reads rows until a batch is full (of valid or of refused rows) or the file ends; none once the file is read.
     *
     * @throws ContactCsv.MalformedCsvException when the file stops being CSV text
     */
    Optional<Batch> nextBatch() {
        List<ContactBatch.ImportedContact> valid = new ArrayList<>();
        List<RefusedLine> refused = new ArrayList<>();
        long rows = 0;
        while (valid.size() < ContactBatch.MAX_SIZE && refused.size() < ContactBatch.MAX_SIZE) {
            Optional<ContactCsv.Row> row = csv.next();
            if (row.isEmpty()) {
                break;
            }
            rows++;
            take(row.get(), valid, refused);
        }
        return rows == 0 ? Optional.empty() : Optional.of(new Batch(valid, refused, rows, input.count()));
    }

    private void take(ContactCsv.Row row, List<ContactBatch.ImportedContact> valid, List<RefusedLine> refused) {
        if (row.email().isEmpty()) {
            refused.add(new RefusedLine(row.line(), "no email address"));
            return;
        }
        EmailAddress address;
        try {
            address = EmailAddress.parse(row.email(), "email");
        } catch (InvalidInputException e) {
            refused.add(new RefusedLine(row.line(), e.getMessage()));
            return;
        }
        String name = row.name().isEmpty() ? address.displayName() : row.name();
        if (name != null && name.length() > MailingContacts.MAX_NAME_LENGTH) {
            refused.add(new RefusedLine(
                    row.line(), "the name is longer than " + MailingContacts.MAX_NAME_LENGTH + " characters"));
            return;
        }
        Long first = seen.putIfAbsent(address.normalized(), row.line());
        if (first != null) {
            refused.add(new RefusedLine(row.line(), "duplicate of line " + first + " (" + address.normalized() + ")"));
            return;
        }
        valid.add(new ContactBatch.ImportedContact(row.line(), name, address.address(), address.normalized()));
    }
}
