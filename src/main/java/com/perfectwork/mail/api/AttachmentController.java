package com.perfectwork.mail.api;

import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.discussion.AttachmentContent;
import com.perfectwork.mail.discussion.Attachments;
import java.io.InputStream;
import java.util.Set;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Attachment bytes, streamed from the filestore. Only images that cannot carry script are shown
 * inline; everything else (HTML, SVG…) is a download, so an attachment can never run in our origin.
 */
@RestController
class AttachmentController {

    private static final Set<String> INLINE =
            Set.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain");

    private final Attachments attachments;

    AttachmentController(Attachments attachments) {
        this.attachments = attachments;
    }

    @GetMapping("/api/attachments/{id}")
    ResponseEntity<StreamingResponseBody> download(@PathVariable long id) {
        AttachmentContent content = attachments.content(id).orElseThrow(() -> new UnknownIdException("attachment", id));
        String mimetype = content.attachment().mimetype();
        ContentDisposition disposition = (INLINE.contains(mimetype)
                        ? ContentDisposition.inline()
                        : ContentDisposition.attachment())
                .filename(content.attachment().name(), java.nio.charset.StandardCharsets.UTF_8)
                .build();
        StreamingResponseBody body = out -> {
            try (InputStream in = content.source().open()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(mimetype))
                .contentLength(content.attachment().size())
                .header(HttpHeaders.CONTENT_DISPOSITION, disposition.toString())
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(body);
    }
}
