package com.perfectwork.mail.api;

import com.perfectwork.mail.directory.NotificationPreference;
import com.perfectwork.mail.directory.UserAccount;
import com.perfectwork.mail.directory.UserAccounts;
import com.perfectwork.mail.directory.UserChange;
import java.util.Locale;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own account, for any signed-in user: who they are, and the one thing each user changes for themselves,
 * how they are notified ({@code notificationPreference}: {@code email} or {@code inbox}).
 */
@RestController
@RequestMapping("/api/me")
class MeController {

    record MeRequest(String notificationPreference) {}

    record MeResponse(
            long id,
            String login,
            String name,
            String email,
            String role,
            long partnerId,
            String notificationPreference) {
        static MeResponse of(UserAccount user) {
            return new MeResponse(
                    user.id(),
                    user.login(),
                    user.name(),
                    user.email(),
                    user.role().name().toLowerCase(Locale.ROOT),
                    user.partnerId(),
                    user.notificationPreference().code());
        }
    }

    private final UserAccounts users;

    MeController(UserAccounts users) {
        this.users = users;
    }

    @GetMapping
    MeResponse get(@AuthenticationPrincipal CurrentUser caller) {
        return MeResponse.of(users.require(caller.userId()));
    }

    /** Only the preference changes; a missing one leaves it as it is. */
    @PutMapping
    MeResponse update(@RequestBody MeRequest request, @AuthenticationPrincipal CurrentUser caller) {
        NotificationPreference preference =
                NotificationPreference.parse(request.notificationPreference(), "notificationPreference");
        return MeResponse.of(users.update(caller.userId(), UserChange.preference(preference)));
    }
}
