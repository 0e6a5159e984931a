package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.mailing.ContactImport;
import com.perfectwork.mail.mailing.ContactImports;
import com.perfectwork.mail.mailing.MailingList;
import com.perfectwork.mail.mailing.MailingLists;
import com.perfectwork.mail.mailing.RefusedLine;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mailing lists (administrators and marketing users), by name. Deleting a list keeps its contacts. {@code POST
 * /{id}/import} takes a CSV file ({@code text/csv}, a header row naming an email column) streamed into the list, and
 * answers its report.
 */
@RestController
@RequestMapping("/api/mailing-lists")
class MailingListController {

    record ListRequest(String name) {}

    record ListResponse(long id, String name, long contactCount, long optOutCount) {
        static ListResponse of(MailingList list) {
            return new ListResponse(list.id(), list.name(), list.contactCount(), list.optOutCount());
        }
    }

    /**
     * What an import did: {@code created} contacts, {@code updated} existing ones (named as the file names them and put
     * on the list), of which {@code optedOut} had opted out of the list and stay so, and the refused lines:
     * {@code invalidCount} of them, the first 10 000 in {@code invalid} with their reasons.
     */
    record ImportResponse(
            long importId, long created, long updated, long optedOut, long invalidCount, List<RefusedLine> invalid) {}

    private final MailingLists lists;
    private final ContactImports imports;

    MailingListController(MailingLists lists, ContactImports imports) {
        this.lists = lists;
        this.imports = imports;
    }

    @PostMapping
    ResponseEntity<ListResponse> create(@RequestBody ListRequest request) {
        MailingList list = lists.create(request.name());
        return ResponseEntity.created(URI.create("/api/mailing-lists/" + list.id()))
                .body(ListResponse.of(list));
    }

    @GetMapping
    List<ListResponse> list(
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return lists.list(paging.offset(), paging.limit(), search).stream()
                .map(ListResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    ListResponse get(@PathVariable long id) {
        return ListResponse.of(lists.require(id));
    }

    @PutMapping("/{id}")
    ListResponse rename(@PathVariable long id, @RequestBody ListRequest request) {
        return ListResponse.of(lists.rename(id, request.name()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        lists.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * {@code text/csv} only (anything else: 415), streamed as it arrives: the file is never held whole. Comma, semicolon
     * or tab separated, UTF-8.
     */
    @PostMapping(path = "/{id}/import", consumes = "text/csv")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            description = "A CSV file: a header row naming an email column (and a name column, or first and last"
                    + " names), then one contact a line; other columns are left aside.",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string", format = "binary")))
    ImportResponse importCsv(
            @PathVariable long id,
            InputStream body,
            HttpServletRequest request,
            @AuthenticationPrincipal CurrentUser caller)
            throws IOException {
        long size = request.getContentLengthLong();
        ContactImport done;
        try {
            done = imports.importNow(id, body, size < 0 ? null : size, "API upload", caller.getUsername());
        } catch (InvalidInputException e) {
            // read the rest, so that the client gets the 400 rather than a connection closed while it sends
            body.transferTo(OutputStream.nullOutputStream());
            throw e;
        }
        return new ImportResponse(
                done.id(),
                done.created(),
                done.updated(),
                done.optedOut(),
                done.invalid(),
                imports.refusedLines(done.id(), 0, Integer.MAX_VALUE));
    }
}
