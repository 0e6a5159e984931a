package com.perfectwork.mail.api;

import com.perfectwork.mail.core.InvalidInputException;
import com.perfectwork.mail.scheduling.Interval;
import com.perfectwork.mail.scheduling.IntervalType;
import com.perfectwork.mail.scheduling.ScheduledAction;
import com.perfectwork.mail.scheduling.ScheduledActions;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scheduled actions (admin): see them, change their interval, run one now. */
@RestController
@RequestMapping("/api/scheduled-actions")
class ScheduledActionController {

    record ActionRequest(Integer intervalNumber, String intervalType, Instant nextCall, Boolean active) {}

    record ActionResponse(
            long id,
            String code,
            String name,
            int intervalNumber,
            String intervalType,
            Instant nextCall,
            boolean active,
            Instant lastRunAt,
            String lastRunStatus,
            String lastRunDetail) {

        static ActionResponse of(ScheduledAction a) {
            return new ActionResponse(
                    a.id(),
                    a.code(),
                    a.name(),
                    a.interval().number(),
                    a.interval().type().name().toLowerCase(Locale.ROOT),
                    a.nextCall(),
                    a.active(),
                    a.lastRunAt(),
                    a.lastRunStatus(),
                    a.lastRunDetail());
        }
    }

    private final ScheduledActions actions;

    ScheduledActionController(ScheduledActions actions) {
        this.actions = actions;
    }

    @GetMapping
    List<ActionResponse> list() {
        return actions.list().stream().map(ActionResponse::of).toList();
    }

    @GetMapping("/{id}")
    ActionResponse get(@PathVariable long id) {
        return ActionResponse.of(actions.require(id));
    }

    @PutMapping("/{id}")
    ActionResponse update(@PathVariable long id, @RequestBody ActionRequest request) {
        ScheduledAction current = actions.require(id);
        Interval interval = request.intervalNumber() == null && request.intervalType() == null
                ? null
                : new Interval(
                        request.intervalNumber() == null ? current.interval().number() : request.intervalNumber(),
                        request.intervalType() == null ? current.interval().type() : type(request.intervalType()));
        return ActionResponse.of(actions.update(id, interval, request.nextCall(), request.active()));
    }

    @PostMapping("/{id}/run")
    ActionResponse run(@PathVariable long id) {
        return ActionResponse.of(actions.runNow(id));
    }

    private static IntervalType type(String type) {
        return switch (type) {
            case "minutes" -> IntervalType.MINUTES;
            case "hours" -> IntervalType.HOURS;
            case "days" -> IntervalType.DAYS;
            default -> throw new InvalidInputException("intervalType", "must be minutes, hours or days");
        };
    }
}
