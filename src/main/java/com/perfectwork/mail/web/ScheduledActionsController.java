package com.perfectwork.mail.web;

import com.perfectwork.mail.core.ConflictException;
import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.IntervalType;
import com.perfectwork.mail.scheduling.ScheduledAction;
import com.perfectwork.mail.scheduling.ScheduledActions;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Technical ‣ Automation ‣ Scheduled Actions: the list with their intervals and last runs, the interval's form
 * and Run Manually. The scheduler picks a changed interval up at once ({@link ScheduledActions#update} wakes it).
 */
@Controller
@RequestMapping(ScheduledActionsController.PATH)
class ScheduledActionsController {

    static final String PATH = "/web/technical/scheduled-actions";

    /** The form: "every [number] [unit]", and the active box (unticked sends nothing, hence null). */
    record ActionForm(String intervalNumber, String intervalType, Boolean active) {

        static ActionForm of(ScheduledAction action) {
            return new ActionForm(
                    Integer.toString(action.interval().number()),
                    action.interval().type().name().toLowerCase(Locale.ROOT),
                    action.active());
        }

        Interval interval() {
            return new Interval(
                    new FormField("intervalNumber", intervalNumber).wholeNumber(),
                    new FormField("intervalType", intervalType).choice(IntervalType.class));
        }
    }

    private final ScheduledActions actions;

    ScheduledActionsController(ScheduledActions actions) {
        this.actions = actions;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("actions", actions.list());
        return "technical/scheduled-actions";
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        ScheduledAction action = actions.require(id);
        return form(model, action, ActionForm.of(action), Map.of());
    }

    @PostMapping("/{id}")
    String updated(@PathVariable long id, ActionForm form, Model model, RedirectAttributes redirect) {
        ScheduledAction action = actions.require(id);
        ScheduledAction saved;
        try {
            saved = actions.update(id, form.interval(), null, Boolean.TRUE.equals(form.active()));
        } catch (InvalidInputException e) {
            model.addAttribute("flash", Flash.error("Not saved: correct the field marked below."));
            return form(model, action, form, Map.of(e.field(), e.getMessage()));
        }
        redirect.addFlashAttribute(
                "flash",
                Flash.ok("Saved " + saved.name() + ": every " + saved.interval().inWords()
                        + (saved.active() ? "." : ", inactive.")));
        return "redirect:" + PATH;
    }

    /**
     * Run Manually: runs the action now in this request, active or not, and answers with how it went. The
     * page it came from is given by {@code back} (the list, or the action's form).
     */
    @PostMapping("/{id}/run")
    String run(
            @PathVariable long id,
            @RequestParam(name = "back", required = false) String back,
            RedirectAttributes redirect) {
        redirect.addFlashAttribute("flash", ran(id));
        return "redirect:" + PATH + ("form".equals(back) ? "/" + id : "");
    }

    private Flash ran(long id) {
        try {
            ScheduledAction action = actions.runNow(id);
            String detail = action.lastRunDetail() == null ? "" : ": " + action.lastRunDetail();
            String text = "Ran " + action.name() + " manually, " + action.lastRunStatus() + detail;
            return "failed".equals(action.lastRunStatus()) ? Flash.error(text) : Flash.ok(text);
        } catch (ConflictException e) {
            return Flash.error("Not run: " + e.getMessage() + ".");
        }
    }

    private static String form(Model model, ScheduledAction action, ActionForm form, Map<String, String> errors) {
        model.addAttribute("action", action);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        return "technical/scheduled-action";
    }
}
