package com.perfectwork.mail.oauth;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.settings.ConfigParameters;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The company's applications registered with Google and Microsoft: their client id and secret, system parameters. */
@Component
class OAuthApplications {

    /** One application's credentials; the secret is never logged. */
    record Application(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "Application[" + clientId + "]";
        }
    }

    private final ConfigParameters parameters;

    OAuthApplications(ConfigParameters parameters) {
        this.parameters = parameters;
    }

    Optional<Application> of(OAuthProvider provider) {
        Optional<String> id =
                parameters.value(provider.clientIdKey()).map(String::strip).filter(v -> !v.isEmpty());
        Optional<String> secret = parameters.secret(provider.clientSecretKey()).filter(v -> !v.isEmpty());
        return id.isPresent() && secret.isPresent()
                ? Optional.of(new Application(id.get(), secret.get()))
                : Optional.empty();
    }

    /** The application, or a refusal that says which parameters to set, and where. */
    Application require(OAuthProvider provider) {
        return of(provider)
                .orElseThrow(() -> new InvalidInputException(
                        "oauthProvider",
                        "the " + provider.product() + " application is not set up: enter its client id and secret in"
                                + " Settings > Discuss > " + provider.product() + " (system parameters "
                                + provider.clientIdKey() + " and " + provider.clientSecretKey() + ")"));
    }
}
