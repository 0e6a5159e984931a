package com.perfectwork.mail.api;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.NotPermittedException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.AttachmentTooLargeException;
import com.perfectwork.mail.inbound.DatabaseUnavailableException;
import com.perfectwork.mail.inbound.MailTooLargeException;
import com.perfectwork.mail.storage.FilestoreWriteException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the REST API as RFC 9457 problem details: {@code status}, {@code title}, {@code detail},
 * and {@code errors: [{field, message}]} for invalid input. A bug answers 500 with a reference to the
 * log line, never a stack trace.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidInputException.class)
    ProblemDetail invalid(InvalidInputException e) {
        return invalidInput(e.field() + ": " + e.getMessage(), List.of(fieldError(e.field(), e.getMessage())));
    }

    @ExceptionHandler(UnknownIdException.class)
    ProblemDetail unknown(UnknownIdException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(NotPermittedException.class)
    ProblemDetail notPermitted(NotPermittedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail conflict(DuplicateKeyException e) {
        // our own checks word their message; a constraint caught by the database must not leak its SQL
        return problem(
                HttpStatus.CONFLICT,
                e.getMessage() != null && !e.getMessage().contains("SQL") ? e.getMessage() : "This already exists.");
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AttachmentTooLargeException.class)
    ProblemDetail tooLarge(AttachmentTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    @ExceptionHandler(MailTooLargeException.class)
    ProblemDetail mailTooLarge(MailTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
    }

    /** A full (or read-only) data directory: nothing was kept, and the client may try again once there is room. */
    @ExceptionHandler(FilestoreWriteException.class)
    ResponseEntity<ProblemDetail> storageFull(FilestoreWriteException e) {
        log.error("The filestore cannot write; answered 503: {}", e.getMessage());
        return serviceUnavailable(
                60,
                "The server cannot store files now (its data directory is full or not writable); nothing was kept, try"
                        + " again later.");
    }

    /**
     * The database out of reach (restarting, connections refused): not a bug of the request, which a client may
     * send again shortly; a mail given to {@code POST /api/inbound} was not kept as failed and is taken again.
     */
    @ExceptionHandler({
        DatabaseUnavailableException.class,
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        TransientDataAccessException.class
    })
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.error("The database is unavailable; answered 503: {}", e.getMessage());
        return serviceUnavailable(
                10, "The server's database is unavailable just now; nothing was changed, try again shortly.");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail bug(Exception e) {
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected error, reference {}", reference, e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; the server log has the details under reference " + reference + ".");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> fieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        String detail = String.join(
                "; ",
                errors.stream()
                        .map(error -> error.get("field") + ": " + error.get("message"))
                        .toList());
        return ResponseEntity.badRequest().body(invalidInput(detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest()
                .body(problem(
                        HttpStatus.BAD_REQUEST,
                        "The request body is not valid JSON for this resource: " + JsonErrors.describe(e)));
    }

    /** The machine's condition, not the request's: the client may send the same again after {@code Retry-After}. */
    private static ResponseEntity<ProblemDetail> serviceUnavailable(int retryAfterSeconds, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds))
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, detail));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        return problem;
    }

    private static ProblemDetail invalidInput(String detail, List<Map<String, String>> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", errors);
        return problem;
    }

    private static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message == null ? "is invalid" : message);
    }
}
