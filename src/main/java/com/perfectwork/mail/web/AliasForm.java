package com.perfectwork.mail.web;

import com.perfectwork.mail.routing.Alias;

/**
 * The alias form as the browser sends it: the record as text (empty: each mail creates a record), the defaults as
 * the JSON an administrator types (checked by the module, which names the default at fault).
 */
record AliasForm(String name, String model, String recordId, String defaults, String contactPolicy) {

    static AliasForm blank() {
        return new AliasForm("", "", "", "", "everyone");
    }

    static AliasForm of(Alias alias) {
        return new AliasForm(
                alias.name(),
                alias.model(),
                alias.recordId() == null ? "" : Long.toString(alias.recordId()),
                alias.defaults() == null ? "" : alias.defaults(),
                alias.contactPolicy());
    }

    /** The alias for the module; a record that is not a number is refused next to its field. */
    Alias alias() {
        FormField record = new FormField("recordId", recordId);
        return new Alias(
                0,
                name == null ? "" : name,
                model == null ? "" : model.strip(),
                record.blank() ? null : record.wholeNumber().longValue(),
                defaults == null || defaults.isBlank() ? null : defaults.strip(),
                contactPolicy);
    }
}
