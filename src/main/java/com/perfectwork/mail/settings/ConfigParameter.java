package com.perfectwork.mail.settings;

/** One system parameter, as stored. */
public record ConfigParameter(String key, String value) {}
