package com.perfectwork.mail.api;

import com.perfectwork.mail.discussion.AttachmentContent;
import com.perfectwork.mail.discussion.RecordAccess;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Attachment bytes, streamed from the filestore; shown inline only when {@link AttachmentContent#showableInline}
 * says a browser may, a download otherwise. Only of a record the caller may open ({@link RecordAccess}): any other is
 * not found.
 */
@RestController
class AttachmentController {

    private final RecordAccess access;

    AttachmentController(RecordAccess access) {
        this.access = access;
    }

    @GetMapping("/api/attachments/{id}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable long id, @AuthenticationPrincipal CurrentUser caller) {
        AttachmentContent content = access.attachment(id, caller.viewer());
        ContentDisposition disposition = (content.showableInline()
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(content.attachment().name(), java.nio.charset.StandardCharsets.UTF_8)
                .build();
        StreamingResponseBody body = content::writeTo;
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(content.attachment().mimetype()))
                .contentLength(content.attachment().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(body);
    }
}
