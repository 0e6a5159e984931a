package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.AttachmentTooLargeException;
import com.perfectwork.mail.discussion.Attachments;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Chatter;
import com.perfectwork.mail.discussion.MessageType;
import com.perfectwork.mail.discussion.NewAttachment;
import com.perfectwork.mail.discussion.PostCommand;
import com.perfectwork.mail.discussion.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The composer: Send message (a comment, mailed to the followers but its author) or Log note (internal), with
 * the files chosen or dropped on the file input. Posted by the signed-in user's contact through
 * {@link Chatter#post}, as the API posts; a refused post shows the page again with the text kept.
 */
@Controller
@RequestMapping(RecordsController.PATH + "/{model}/{id}/messages")
class ComposerController {

    private final PageAccess access;
    private final Chatter chatter;
    private final RecordPage page;

    private final long attachmentLimit;

    ComposerController(PageAccess access, Chatter chatter, RecordPage page, Attachments attachments) {
        this.access = access;
        this.chatter = chatter;
        this.page = page;
        this.attachmentLimit = attachments.maxSize();
    }

    @PostMapping
    String post(
            @PathVariable String model,
            @PathVariable long id,
            ComposerForm form,
            @RequestParam(name = "attachments", required = false) List<MultipartFile> files,
            HttpServletRequest request,
            Model view,
            RedirectAttributes redirect) {
        Viewer viewer = access.viewer(request);
        BusinessRecord record = access.open(model, id, viewer);
        try {
            MessageType type = form.messageType();
            chatter.post(new PostCommand(
                    record.id(), type, null, form.html(), viewer.partnerId(), List.of(), attachments(files)));
            redirect.addFlashAttribute(
                    "flash", Flash.ok(type == MessageType.NOTE ? "Note logged." : "Message sent to the followers."));
        } catch (InvalidInputException e) {
            return refused(view, record, form, e.field(), e.getMessage());
        } catch (AttachmentTooLargeException e) {
            return refused(view, record, form, "attachments", e.getMessage());
        }
        return "redirect:" + RecordPage.path(record);
    }

    /**
     * A file over the upload limit is refused before the form is read: back to the record's page with the limit
     * said (the path's variables are all there is of the request by then).
     */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, RedirectAttributes redirect) {
        @SuppressWarnings("unchecked")
        Map<String, String> path =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        redirect.addFlashAttribute(
                "flash",
                Flash.error("Not posted: every file must be at most "
                        + DataSize.ofBytes(attachmentLimit).toMegabytes() + " MB."));
        return "redirect:" + RecordsController.PATH + "/" + path.get("model") + "/" + path.get("id");
    }

    private String refused(Model view, BusinessRecord record, ComposerForm form, String field, String message) {
        String shownField = field.startsWith("attachments") ? "attachments" : field;
        view.addAttribute("flash", Flash.error("Not posted: correct the field marked below."));
        return page.show(view, record, Map.of("body", form.text()), Map.of(shownField, message));
    }

    /** The files as the chatter stores them; an empty file input sends one nameless empty part, left out. */
    private static List<NewAttachment> attachments(List<MultipartFile> files) {
        if (files == null) {
            return List.of();
        }
        return files.stream()
                .filter(file -> !file.isEmpty() && file.getOriginalFilename() != null)
                .map(file -> {
                    try {
                        return new NewAttachment(file.getOriginalFilename(), file.getContentType(), file.getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException("the uploaded file cannot be read", e);
                    }
                })
                .toList();
    }
}
