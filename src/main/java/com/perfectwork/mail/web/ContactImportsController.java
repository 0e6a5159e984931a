package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.mailing.ContactImport;
import com.perfectwork.mail.mailing.ContactImports;
import com.perfectwork.mail.mailing.MailingList;
import com.perfectwork.mail.mailing.MailingLists;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Importing a CSV file into a list from its page. The upload is kept in a file of its own and imported in the
 * background, and the browser goes to the import's page at once: a progress bar that polls its progress every second
 * (htmx), then the report (created, updated, the refused lines with their reasons, paged). The progress is read from
 * the database, so that with several instances any of them answers the poll.
 */
@Controller
@RequestMapping(MailingListsController.PATH + "/{listId}/imports")
class ContactImportsController {

    private final MailingLists lists;
    private final ContactImports imports;
    private final MailingListPage listPage;
    private final Clock clock;
    private final DataSize maxUpload;

    ContactImportsController(
            MailingLists lists,
            ContactImports imports,
            MailingListPage listPage,
            Clock clock,
            @Value("${spring.servlet.multipart.max-file-size}") DataSize maxUpload) {
        this.lists = lists;
        this.imports = imports;
        this.listPage = listPage;
        this.clock = clock;
        this.maxUpload = maxUpload;
    }

    @PostMapping
    String start(
            @PathVariable long listId,
            @RequestParam(name = "file", required = false) MultipartFile file,
            Principal user,
            Model model,
            RedirectAttributes redirect)
            throws IOException {
        MailingList list = lists.require(listId);
        if (file == null || file.isEmpty()) {
            return refused(model, list, "choose a CSV file with a header row, such as name,email");
        }
        Path copy = Files.createTempFile("contact-import-", ".csv");
        try {
            file.transferTo(copy);
        } catch (IOException e) {
            Files.deleteIfExists(copy);
            throw e;
        }
        ContactImport started;
        try {
            // the import takes the copy, and deletes it once read or refused
            started = imports.importInBackground(listId, copy, file.getOriginalFilename(), user.getName());
        } catch (InvalidInputException | ConflictException e) {
            return refused(model, list, e.getMessage());
        }
        return "redirect:" + MailingListPage.path(listId) + "/imports/" + started.id();
    }

    @GetMapping("/{importId}")
    String show(
            @PathVariable long listId,
            @PathVariable long importId,
            @RequestParam(required = false) Integer page,
            Model model) {
        MailingList list = lists.require(listId);
        model.addAttribute("list", list);
        return progress(list.id(), importId, page, model, "marketing/import");
    }

    /** The progress bar, or the report once done: what the import's page polls while the import runs. */
    @GetMapping("/{importId}/progress")
    String progress(@PathVariable long listId, @PathVariable long importId, Model model) {
        return progress(listId, importId, null, model, "marketing/import :: progress");
    }

    private String progress(long listId, long importId, Integer page, Model model, String view) {
        ContactImport contactImport = imports.require(importId);
        if (contactImport.listId() != listId) {
            throw new UnknownIdException("import", importId);
        }
        model.addAttribute("contactImport", contactImport);
        model.addAttribute("running", contactImport.running(clock.instant()));
        model.addAttribute("stalled", contactImport.stalled(clock.instant()));
        model.addAttribute(
                "refused", ListPage.of(page, (offset, limit) -> imports.refusedLines(importId, offset, limit)));
        model.addAttribute("pageLink", MailingListPage.path(listId) + "/imports/" + importId);
        return view;
    }

    /** A file over the upload limit is refused before the form is read: back to the list's page, which says so. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    String tooLarge(HttpServletRequest request, RedirectAttributes redirect) {
        @SuppressWarnings("unchecked")
        Map<String, String> path =
                (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        redirect.addFlashAttribute(
                "flash",
                Flash.error("Not imported: a file uploaded here may be at most " + maxUpload.toMegabytes()
                        + " MB; import a larger one through the API (POST /api/mailing-lists/{id}/import)."));
        return "redirect:" + MailingListsController.PATH + "/" + path.get("listId");
    }

    private String refused(Model model, MailingList list, String why) {
        model.addAttribute("flash", Flash.error("Not imported: correct the file marked below."));
        return listPage.show(model, list, null, null, list.name(), Map.of("file", why));
    }
}
