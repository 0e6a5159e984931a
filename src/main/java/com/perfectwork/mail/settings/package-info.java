/**
 * System parameters and deployment settings.
 *
 * <p>Entry points: {@link com.perfectwork.mail.settings.ConfigParameters} (the stored key/values behind
 * {@code /api/config-parameters}, validated per key by {@link com.perfectwork.mail.settings.ParameterRules}),
 * {@link com.perfectwork.mail.settings.MailDomainSettings} (the typed read model other modules use, with the
 * documented defaults), {@link com.perfectwork.mail.settings.DeploymentSettings} (data directory, hosting mode).
 * Publishes and consumes no events.
 */
package com.perfectwork.mail.settings;
