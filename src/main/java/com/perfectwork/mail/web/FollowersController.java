package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.core.UnknownIdException;
import com.perfectwork.mail.directory.Partner;
import com.perfectwork.mail.directory.Partners;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Follower;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.Viewer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A record's followers: add one by email (finding or creating the contact, as the API does) or by the name of an
 * existing contact, and remove one. A user who removes themselves no longer follows, and is sent to the list.
 */
@Controller
@RequestMapping(RecordsController.PATH + "/{model}/{id}/followers")
class FollowersController {

    private final PageAccess access;
    private final Followers followers;
    private final Partners partners;
    private final RecordPage page;

    FollowersController(PageAccess access, Followers followers, Partners partners, RecordPage page) {
        this.access = access;
        this.followers = followers;
        this.partners = partners;
        this.page = page;
    }

    @PostMapping
    String add(
            @PathVariable String model,
            @PathVariable long id,
            FollowerForm form,
            HttpServletRequest request,
            Model view,
            RedirectAttributes redirect) {
        BusinessRecord record = access.open(model, id, access.viewer(request));
        Follower added;
        try {
            added = form.byEmail()
                    ? followers.add(record.id(), form.name(), form.email())
                    : followers.add(record.id(), existingContact(form.name()).id());
        } catch (InvalidInputException e) {
            String field = e.field().equals("email") ? "followerEmail" : "followerName";
            view.addAttribute("flash", Flash.error("No follower added: correct the field marked below."));
            return page.show(view, record, form.fields(), Map.of(field, e.getMessage()));
        }
        redirect.addFlashAttribute("flash", Flash.ok(added.name() + " now follows " + record.name() + "."));
        return "redirect:" + RecordPage.path(record);
    }

    /** The one contact with this name; none or several is a question only an email answers. */
    private Partner existingContact(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("email", "give an email, or the name of an existing contact");
        }
        List<Partner> named = partners.named(name);
        if (named.isEmpty()) {
            throw new InvalidInputException("name", "no contact is named so: give their email to add them");
        }
        if (named.size() > 1) {
            throw new InvalidInputException("name", "several contacts have this name: give the email instead");
        }
        return named.get(0);
    }

    @PostMapping("/{partnerId}/remove")
    String remove(
            @PathVariable String model,
            @PathVariable long id,
            @PathVariable long partnerId,
            HttpServletRequest request,
            RedirectAttributes redirect) {
        Viewer viewer = access.viewer(request);
        BusinessRecord record = access.open(model, id, viewer);
        String name = followers.of(record.id()).stream()
                .filter(f -> f.partnerId() == partnerId)
                .map(Follower::name)
                .findFirst()
                .orElseThrow(() -> new UnknownIdException("follower", partnerId));
        followers.remove(record.id(), partnerId);
        redirect.addFlashAttribute("flash", Flash.ok(name + " no longer follows " + record.name() + "."));
        if (!viewer.admin() && partnerId == viewer.partnerId()) {
            return "redirect:" + RecordsController.PATH + "/" + record.model();
        }
        return "redirect:" + RecordPage.path(record);
    }
}
