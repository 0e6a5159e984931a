/**
 * The administrators' web pages, modelled on Perfectwork's Settings: server-rendered Thymeleaf with htmx for the
 * parts that answer in place (Test Connection). Thin controllers that call module APIs only, like {@code api}.
 * Pages live under {@code /web}: the login page, Settings ‣ General Settings ‣ Discuss with its outgoing and
 * incoming servers, and Technical (shown in developer mode) with, under Email, the outgoing queue (Emails), the
 * Incoming Log and the Blacklisted Email Addresses. Signed in with a form and a session, CSRF-protected;
 * settings are for administrators. Publishes and consumes no events.
 */
package com.perfectwork.mail.web;
