/**
 * The REST API ({@code /api/**}, contract in the project's API docs at {@code /api/docs}): thin controllers
 * that translate JSON to module API calls, one {@link com.perfectwork.mail.api.ProblemDetailsAdvice} for RFC 9457
 * errors, and the HTTP security (Basic and {@code Bearer} API keys with their scopes, admin-only resources, Email
 * Marketing's for administrators and marketing users, the login throttle in front of every password check).
 * Publishes and consumes no events.
 */
package com.perfectwork.mail.api;
