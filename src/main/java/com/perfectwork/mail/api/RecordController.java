package com.perfectwork.mail.api;

import com.perfectwork.mail.blacklist.Blacklist;
import com.perfectwork.mail.core.EmailAddress;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.RecordAccess;
import com.perfectwork.mail.routing.Aliases;
import com.perfectwork.mail.settings.MailDomainSettings;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * Business records and their followers; a follower is {@code blacklisted} when its address is blacklisted now.
 * The thread is {@link MessageController}'s. A user who is not an administrator lists, opens and changes the followers
 * of only the records they follow ({@link RecordAccess}, as on the pages); any other is not found.
 */
@RestController
@RequestMapping("/api/records")
class RecordController {

    record RecordRequest(String model, String name) {}

    /** {@code values}: the record's extra fields (from its alias's defaults), an empty object when none. */
    record RecordResponse(
            long id, String model, String name, String aliasEmail, Instant createdAt, Map<String, String> values) {
        static RecordResponse of(BusinessRecord record, String aliasEmail) {
            return new RecordResponse(
                    record.id(), record.model(), record.name(), aliasEmail, record.createdAt(), record.values());
        }
    }

    record FollowerRequest(Long partnerId, String name, String email) {}

    record FollowerResponse(long partnerId, String name, String email, boolean blacklisted) {}

    private final RecordAccess access;
    private final Followers followers;
    private final Aliases aliases;
    private final Blacklist blacklist;
    private final MailDomainSettings settings;

    RecordController(
            RecordAccess access,
            Followers followers,
            Aliases aliases,
            Blacklist blacklist,
            MailDomainSettings settings) {
        this.access = access;
        this.followers = followers;
        this.aliases = aliases;
        this.blacklist = blacklist;
        this.settings = settings;
    }

    /** A record's own alias address (an alias posting on it), else null: replies then go to the catchall. */
    private RecordResponse response(BusinessRecord record) {
        String email = aliases.ofRecord(record.id())
                .map(alias -> alias.email(settings.catchallDomain().orElse(null)))
                .orElse(null);
        return RecordResponse.of(record, email);
    }

    /** A user follows the record they create; an administrator's integration does not follow all it creates. */
    @PostMapping
    ResponseEntity<RecordResponse> create(
            @RequestBody RecordRequest request, @AuthenticationPrincipal CurrentUser caller) {
        BusinessRecord record = access.create(request.model(), request.name(), caller.viewer());
        return ResponseEntity.created(URI.create("/api/records/" + record.id())).body(response(record));
    }

    @GetMapping
    List<RecordResponse> list(
            @RequestParam(required = false) String model,
            @RequestParam(required = false) Integer offset,
            @RequestParam(required = false) Integer limit,
            @AuthenticationPrincipal CurrentUser caller) {
        Paging paging = new Paging(offset, limit);
        return access.list(model, caller.viewer(), paging.offset(), paging.limit()).stream()
                .map(this::response)
                .toList();
    }

    @GetMapping("/{id}")
    RecordResponse get(@PathVariable long id, @AuthenticationPrincipal CurrentUser caller) {
        return response(access.open(id, caller.viewer()));
    }

    @GetMapping("/{id}/followers")
    List<FollowerResponse> followers(@PathVariable long id, @AuthenticationPrincipal CurrentUser caller) {
        return responses(followers.of(access.open(id, caller.viewer()).id()));
    }

    /** A follower of the record may add anyone, found by id or by email (as the record's page does). */
    @PostMapping("/{id}/followers")
    ResponseEntity<FollowerResponse> follow(
            @PathVariable long id, @RequestBody FollowerRequest request, @AuthenticationPrincipal CurrentUser caller) {
        access.open(id, caller.viewer());
        Follower follower;
        if (request.partnerId() != null) {
            follower = followers.add(id, request.partnerId());
        } else if (request.email() != null) {
            follower = followers.add(id, request.name(), request.email());
        } else {
            throw new InvalidInputException("partnerId", "give a partnerId, or a name and an email");
        }
        return ResponseEntity.created(URI.create("/api/records/" + id + "/followers/" + follower.partnerId()))
                .body(responses(List.of(follower)).get(0));
    }

    /** The followers' blacklist marks, looked up in one query for the whole list. */
    private List<FollowerResponse> responses(List<Follower> found) {
        Set<String> blacklisted = blacklist.blacklistedAmong(found.stream()
                .map(RecordController::normalized)
                .flatMap(Optional::stream)
                .toList());
        return found.stream()
                .map(follower -> new FollowerResponse(
                        follower.partnerId(),
                        follower.name(),
                        follower.email(),
                        normalized(follower).filter(blacklisted::contains).isPresent()))
                .toList();
    }

    /** A follower's email is kept as given, display name and all; the blacklist holds normalized addresses. */
    private static Optional<String> normalized(Follower follower) {
        return EmailAddress.tryParse(follower.email()).map(EmailAddress::normalized);
    }

    /** A follower of the record may remove anyone, themselves included (then the record is closed to them). */
    @DeleteMapping("/{id}/followers/{partnerId}")
    ResponseEntity<Void> unfollow(
            @PathVariable long id, @PathVariable long partnerId, @AuthenticationPrincipal CurrentUser caller) {
        access.open(id, caller.viewer());
        followers.remove(id, partnerId);
        return ResponseEntity.noContent().build();
    }
}
