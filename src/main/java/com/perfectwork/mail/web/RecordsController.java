package com.perfectwork.mail.web;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.discussion.BusinessRecord;
import com.perfectwork.mail.discussion.Followers;
import com.perfectwork.mail.discussion.Records;
import com.perfectwork.mail.routing.Alias;
import com.perfectwork.mail.routing.Aliases;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Records: the models with their counts, a model's records with a search, and New. A user who is not an
 * administrator counts and lists only the records they follow ({@link PageAccess}).
 */
@Controller
@RequestMapping(RecordsController.PATH)
class RecordsController {

    static final String PATH = "/web/records";

    /** A list shows this many records at most, newest first; the search finds older ones. */
    static final int LIST_LIMIT = 100;

    private final Records records;
    private final Followers followers;
    private final Aliases aliases;
    private final PageAccess access;

    RecordsController(Records records, Followers followers, Aliases aliases, PageAccess access) {
        this.records = records;
        this.followers = followers;
        this.aliases = aliases;
        this.access = access;
    }

    /** The models that have records, and those an alias creates records of (with 0 until a mail comes). */
    @GetMapping
    String models(HttpServletRequest request, Model model) {
        Map<String, Long> counts =
                new TreeMap<>(records.countsByModel(access.viewer(request).followerFilter()));
        aliases.list().stream().map(Alias::model).forEach(name -> counts.putIfAbsent(name, 0L));
        model.addAttribute("counts", counts);
        return "records/models";
    }

    /** The models page's "Open a model" form, which works without a script. */
    @GetMapping(params = "model")
    String open(@RequestParam("model") String modelName) {
        String name = modelName.strip();
        return name.isEmpty()
                ? "redirect:" + PATH
                : "redirect:" + PATH + "/" + UriUtils.encodePathSegment(name, "UTF-8");
    }

    @GetMapping("/{model}")
    String list(
            @PathVariable("model") String modelName,
            @RequestParam(name = "search", required = false) String search,
            HttpServletRequest request,
            Model model) {
        model.addAttribute("modelName", modelName);
        model.addAttribute("search", search == null ? "" : search);
        model.addAttribute(
                "records",
                records.search(modelName, search, access.viewer(request).followerFilter(), LIST_LIMIT));
        model.addAttribute("limit", LIST_LIMIT);
        return "records/list";
    }

    @GetMapping("/{model}/new")
    String create(@PathVariable("model") String modelName, Model model) {
        return form(model, modelName, "", Map.of());
    }

    /**
     * The creator follows the new record: they are told of replies, and may open it again. Two steps, not one
     * transaction: a refused name must answer next to its field, not roll a transaction back.
     */
    @PostMapping("/{model}")
    String created(
            @PathVariable("model") String modelName,
            @RequestParam(name = "name", required = false) String name,
            HttpServletRequest request,
            Model model,
            RedirectAttributes redirect) {
        BusinessRecord record;
        try {
            record = records.create(modelName, name);
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not created: correct the field marked below."));
            return form(model, modelName, name == null ? "" : name, Map.of(e.field(), e.getMessage()));
        }
        followers.add(record.id(), access.viewer(request).partnerId());
        redirect.addFlashAttribute("flash", Flash.ok("Created " + record.name() + "."));
        return "redirect:" + RecordPage.path(record);
    }

    private static String form(Model model, String modelName, String name, Map<String, String> errors) {
        model.addAttribute("modelName", modelName);
        model.addAttribute("name", name);
        model.addAttribute("errors", errors);
        return "records/new";
    }
}
