package com.perfectwork.mail.settings;

/**
 * Where the server runs, as the documentation distinguishes it. {@code ONLINE} is the hosted mode:
 * a daily sending limit (200 unless {@code mail.daily.limit} says otherwise) and port 25 refused.
 */
public enum HostingMode {
    ON_PREMISE,
    ONLINE
}
