package com.perfectwork.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module boundaries of DESIGN.md hold: no cycles, no module reaching into another's internals. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(PerfectworkMailApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void theFoundationModulesExist() {
        assertThat(modules.stream().map(ApplicationModule::getBasePackage).map(p -> p.getName()))
                .contains(
                        "com.perfectwork.mail.core",
                        "com.perfectwork.mail.settings",
                        "com.perfectwork.mail.directory",
                        "com.perfectwork.mail.discussion",
                        "com.perfectwork.mail.api");
    }

    @Test
    void writesTheModuleDiagram() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
