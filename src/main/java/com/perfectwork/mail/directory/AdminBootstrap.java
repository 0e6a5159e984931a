package com.perfectwork.mail.directory;

import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Creates the first administrator, {@code admin}, at the first start: with
 * {@code perfectwork.admin.password} when set, else with a generated password printed once in the log.
 * Later starts find it and change nothing, whatever the property says then.
 */
@Component
class AdminBootstrap implements ApplicationRunner {

    static final String LOGIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserAccounts users;
    private final DirectorySettings settings;

    AdminBootstrap(UserAccounts users, DirectorySettings settings) {
        this.users = users;
        this.settings = settings;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.findByLogin(LOGIN).isPresent()) {
            return;
        }
        boolean generated = settings.password() == null || settings.password().isBlank();
        String password = generated ? generatePassword() : settings.password();
        try {
            users.create(new NewUser(LOGIN, password, "Administrator", null, Role.ADMIN));
        } catch (DuplicateKeyException e) {
            return; // another instance on the same database created it first
        }
        if (generated) {
            log.warn(
                    "Created the administrator '{}' with the generated password: {}  "
                            + "(shown only this once; set PERFECTWORK_ADMIN_PASSWORD before the first start to choose it)",
                    LOGIN,
                    password);
        } else {
            log.info("Created the administrator '{}' with the password from perfectwork.admin.password", LOGIN);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
