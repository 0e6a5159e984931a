package com.perfectwork.mail.api;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.blacklist.BlacklistEntry;
import com.perfectwork.mail.blacklist.BlacklistNote;
import com.perfectwork.mail.blacklist.Blacklisting;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The blacklist (admin), latest entries first. {@code POST} answers 201 for a new entry and 200 for the existing
 * entry of the address (re-activated, or blacklisted already); {@code DELETE} keeps the entry, inactive, and
 * answers it. The notes name the caller's login.
 */
@RestController
@RequestMapping("/api/blacklist")
class BlacklistController {

    record BlacklistRequest(String email, String reason) {}

    record RemovalRequest(String note) {}

    record NoteResponse(Instant createdAt, String body) {
        static NoteResponse of(BlacklistNote note) {
            return new NoteResponse(note.createdAt(), note.body());
        }
    }

    record EntryResponse(
            long id, String email, boolean active, String reason, Instant createdAt, List<NoteResponse> notes) {
        static EntryResponse of(BlacklistEntry entry) {
            return new EntryResponse(
                    entry.id(),
                    entry.email(),
                    entry.active(),
                    entry.reason(),
                    entry.createdAt(),
                    entry.notes().stream().map(NoteResponse::of).toList());
        }
    }

    private final Blacklist blacklist;

    BlacklistController(Blacklist blacklist) {
        this.blacklist = blacklist;
    }

    @GetMapping
    List<EntryResponse> list(
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String search,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit) {
        Paging paging = new Paging(offset, limit);
        return blacklist.list(paging.offset(), paging.limit(), active, search).stream()
                .map(EntryResponse::of)
                .toList();
    }

    @GetMapping("/{id}")
    EntryResponse get(@PathVariable long id) {
        return EntryResponse.of(blacklist.require(id));
    }

    @PostMapping
    ResponseEntity<EntryResponse> add(
            @RequestBody BlacklistRequest request, @AuthenticationPrincipal CurrentUser caller) {
        String reason = request.reason() == null ? "" : request.reason().strip();
        Blacklisting done = blacklist.add(
                request.email(), request.reason(), "Blacklisted by " + caller.getUsername() + ": " + reason);
        EntryResponse body = EntryResponse.of(done.entry());
        return done.created()
                ? ResponseEntity.created(URI.create("/api/blacklist/" + body.id()))
                        .body(body)
                : ResponseEntity.ok(body);
    }

    @DeleteMapping("/{id}")
    EntryResponse remove(
            @PathVariable long id,
            @RequestBody(required = false) RemovalRequest request,
            @AuthenticationPrincipal CurrentUser caller) {
        String why = request == null || request.note() == null || request.note().isBlank()
                ? ""
                : ": " + request.note().strip();
        return EntryResponse.of(blacklist.remove(id, "Removed from the blacklist by " + caller.getUsername() + why));
    }
}
