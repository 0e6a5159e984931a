package com.perfectwork.mail.directory;

/** Changes to a user; a null field is left as it is. */
public record UserChange(
        String name,
        String email,
        Role role,
        Boolean active,
        String password,
        NotificationPreference notificationPreference) {

    public UserChange(String name, String email, Role role, Boolean active, String password) {
        this(name, email, role, active, password, null);
    }

    /** Only the notification preference: what each user may change of their own account. */
    public static UserChange preference(NotificationPreference preference) {
        return new UserChange(null, null, null, null, null, preference);
    }
}
