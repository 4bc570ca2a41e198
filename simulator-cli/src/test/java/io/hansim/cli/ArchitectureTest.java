package io.hansim.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.hansim.device.node.ClusterRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture as a test (issue 15, DESIGN.md §1 and §2), over the compiled main classes of every
 * module this one sees (gbcs-codec, zigbee-ota, device-core, simulator-cli). The same graph is drawn
 * with the JDK's jdeps by {@code ../shared/tools/package-cycles}.
 */
class ArchitectureTest {
    private static JavaClasses hansim;

    @BeforeAll
    static void importClasses() {
        hansim = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.hansim");
    }

    @Test
    void everyModuleIsSeen() {
        for (String p : new String[] {"io.hansim.gbcs", "io.hansim.zigbee.ota", "io.hansim.device.node",
                "io.hansim.device.role", "io.hansim.cli", "io.hansim.port"}) {
            if (!hansim.containPackage(p)) {
                throw new AssertionError("the architecture test does not see " + p + ": it would pass vacuously");
            }
        }
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("io.hansim.(**)").should().beFreeOfCycles().check(hansim);
    }

    /** DESIGN.md §1: simulator-cli → device-core → zigbee-ota, gbcs-codec; the codecs know nothing above them. */
    @Test
    void moduleArrowsPointOneWay() {
        noClasses().that().resideInAPackage("io.hansim.gbcs..").should().dependOnClassesThat()
                .resideInAnyPackage("io.hansim.zigbee..", "io.hansim.device..", "io.hansim.cli..").check(hansim);
        noClasses().that().resideInAPackage("io.hansim.zigbee..").should().dependOnClassesThat()
                .resideInAnyPackage("io.hansim.gbcs..", "io.hansim.device..", "io.hansim.cli..").check(hansim);
        noClasses().that().resideInAPackage("io.hansim.device..").should().dependOnClassesThat()
                .resideInAPackage("io.hansim.cli..").check(hansim);
        // The device port (issue 17) is what a device model takes alone: it knows nothing of hansim.
        noClasses().that().resideInAPackage("io.hansim.port..").should().dependOnClassesThat()
                .resideInAnyPackage("io.hansim.gbcs..", "io.hansim.zigbee..", "io.hansim.device..", "io.hansim.cli..")
                .check(hansim);
    }

    /** DESIGN.md §2: CCS08, GB device classes and the SMETS rules are the hub's, not the Zigbee core's. */
    @Test
    void zigbeeOtaIsFreeOfGbPolicy() {
        noClasses().that().resideInAPackage("io.hansim.zigbee..").should().haveSimpleNameContaining("Ccs08")
                .orShould().haveSimpleName("DeviceClass").orShould().haveSimpleNameContaining("Smets")
                .check(hansim);
    }

    /** Roles see the HAN only through their port: never a device object, the node or the bus. */
    @Test
    void rolesDependOnThePortNotOnDevices() {
        noClasses().that().resideInAPackage("io.hansim.device.role..").should().dependOnClassesThat()
                .resideInAnyPackage("io.hansim.device", "io.hansim.device.ppmid..", "io.hansim.device.ihd..",
                        "io.hansim.device.hcalcs..", "io.hansim.device.hub..", "io.hansim.device.meter..",
                        "io.hansim.device.gbcs..", "io.hansim.device.kind..", "io.hansim.device.fleet..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.hansim.device.node.Node")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.hansim.device.han.HanBus")
                .check(hansim);
        classes().that().resideInAPackage("io.hansim.device.role..").and().areAssignableTo(ClusterRole.class)
                .should().bePublic().check(hansim);
    }

    /** Devices are assemblies of a node and roles, never subclasses of one another. */
    @Test
    void devicesAreFinalAssemblies() {
        classes().that().implement(io.hansim.device.node.HanDevice.class).should().haveModifier(
                com.tngtech.archunit.core.domain.JavaModifier.FINAL).check(hansim);
    }
}
