package io.hansim.zigbee;

import io.hansim.zigbee.devicemgmt.DeviceManagementCluster;
import io.hansim.zigbee.devicemgmt.DeviceManagementCommandType;
import io.hansim.zigbee.events.EventsCluster;
import io.hansim.zigbee.events.EventsCommandType;
import io.hansim.zigbee.messaging.MessagingCluster;
import io.hansim.zigbee.messaging.MessagingCommandType;
import io.hansim.zigbee.ota.OtaCluster;
import io.hansim.zigbee.ota.OtaCommandType;
import io.hansim.zigbee.prepayment.PrepaymentCluster;
import io.hansim.zigbee.prepayment.PrepaymentCommandType;
import io.hansim.zigbee.tunneling.TunnelingCluster;
import io.hansim.zigbee.tunneling.TunnelingCommandType;
import io.hansim.zigbee.zcl.ZclHeader;
import io.hansim.zigbee.zcl.ZclHeader.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of cluster and command names that reports and traces use (issue 15): each cluster
 * hansim puts on the HAN by its specification name, its commands from the codec's own command table
 * (identifier and direction, since the Smart Energy clusters reuse an identifier in each direction),
 * and the profile-wide (global) commands. A label is never guessed: a command no table names is
 * written by its numbers, {@code cluster 0x0b04 cmd 0x00}.
 *
 * <p>It sits above the cluster packages (it reads their command tables) so that none of them depends
 * on it and no package cycle forms. A new cluster is one entry in {@link #CLUSTERS}.
 */
public final class ClusterLabels {

    /**
     * One cluster: identifier, name and its modelled commands.
     *
     * @param commands the commands by direction and identifier, with their specification names
     */
    public record Cluster(int id, String name, Map<Direction, Map<Integer, String>> commands) {
        public Cluster {
            commands = Map.copyOf(commands);
        }
    }

    /** Tunneling (SE 1.4 Annex D.6): GBCS messages cross the HAN inside it (DESIGN.md §1). */
    public static final int TUNNELING = TunnelingCluster.CLUSTER_ID;

    private static final Map<Integer, Cluster> CLUSTERS = new LinkedHashMap<>();
    private static final Map<Integer, String> GENERAL = new LinkedHashMap<>();

    static {
        add(0x0000, "Basic", List.of());
        add(io.hansim.zigbee.time.TimeAttribute.CLUSTER_ID, "Time", List.of());
        add(OtaCluster.CLUSTER_ID, "OTA Upgrade", otaCommands());
        add(0x0702, "Metering", List.of());
        add(MessagingCluster.CLUSTER_ID, "Messaging", commands(MessagingCommandType.values()));
        add(TUNNELING, "Tunneling", commands(TunnelingCommandType.values()));
        add(PrepaymentCluster.CLUSTER_ID, "Prepayment", commands(PrepaymentCommandType.values()));
        add(DeviceManagementCluster.CLUSTER_ID, "Device Management",
                commands(DeviceManagementCommandType.values()));
        add(EventsCluster.CLUSTER_ID, "Events", commands(EventsCommandType.values()));
        // ZCL Revision 6 §2.5 (profile-wide commands), the ones GeneralCommandCodec decodes
        GENERAL.put(0x00, "Read Attributes");
        GENERAL.put(0x01, "Read Attributes Response");
        GENERAL.put(0x02, "Write Attributes");
        GENERAL.put(0x04, "Write Attributes Response");
        GENERAL.put(0x0A, "Report Attributes");
        GENERAL.put(0x0B, "Default Response");
    }

    private record Command(int id, Direction direction, String name) {
    }

    private static List<Command> commands(io.hansim.zigbee.zcl.ClusterCommandType[] types) {
        List<Command> out = new ArrayList<>();
        for (io.hansim.zigbee.zcl.ClusterCommandType t : types) {
            out.add(new Command(t.id(), t.direction(), t.specName()));
        }
        return out;
    }

    private static List<Command> otaCommands() {
        List<Command> out = new ArrayList<>();
        for (OtaCommandType t : OtaCommandType.values()) {
            out.add(new Command(t.id(), t.direction(), t.specName()));
        }
        return out;
    }

    private static void add(int id, String name, List<Command> commands) {
        Map<Direction, Map<Integer, String>> byDirection = new LinkedHashMap<>();
        for (Direction d : Direction.values()) {
            byDirection.put(d, new LinkedHashMap<>());
        }
        for (Command c : commands) {
            if (byDirection.get(c.direction()).put(c.id(), c.name()) != null) {
                throw new ExceptionInInitializerError(String.format("two commands 0x%02X %s on cluster 0x%04X",
                        c.id(), c.direction(), id));
            }
        }
        byDirection.replaceAll((d, m) -> Map.copyOf(m));
        CLUSTERS.put(id, new Cluster(id, name, byDirection));
    }

    private ClusterLabels() {
    }

    /** Every cluster the table names, in identifier order of registration. */
    public static List<Cluster> clusters() {
        return List.copyOf(CLUSTERS.values());
    }

    /** The cluster's name, e.g. {@code "Device Management"} for 0x0708; empty for one hansim does not use. */
    public static Optional<String> clusterName(int clusterId) {
        return Optional.ofNullable(CLUSTERS.get(clusterId)).map(Cluster::name);
    }

    /** A profile-wide (global) command's name, e.g. {@code "Default Response"} for 0x0B. */
    public static Optional<String> generalCommandName(int commandId) {
        return Optional.ofNullable(GENERAL.get(commandId));
    }

    /**
     * A cluster-specific command's name, e.g. {@code "Get Change of Tenancy"} for Device Management
     * 0x00 client→server; empty when the cluster's table has none.
     */
    public static Optional<String> commandName(int clusterId, int commandId, Direction direction) {
        Cluster c = CLUSTERS.get(clusterId);
        return c == null ? Optional.empty() : Optional.ofNullable(c.commands().get(direction).get(commandId));
    }

    /**
     * The name of the command a ZCL header announces on a cluster: a global command's name (not
     * manufacturer-specific), a cluster command's name, or its numbers
     * ({@code cluster 0x0b04 cmd 0x00}, with {@code (general)} and {@code mfr 0x....} when they apply).
     */
    public static String commandLabel(int clusterId, ZclHeader h) {
        if (!h.manufacturerSpecific()) {
            Optional<String> name = h.frameType() == ZclHeader.FrameType.GLOBAL ? generalCommandName(h.commandId())
                    : commandName(clusterId, h.commandId(), h.direction());
            if (name.isPresent()) {
                return name.get();
            }
        }
        return numbers(clusterId, h);
    }

    /** A command by its numbers, for one no table names. */
    public static String numbers(int clusterId, ZclHeader h) {
        String s = String.format(Locale.ROOT, "cluster 0x%04x cmd 0x%02x", clusterId, h.commandId());
        if (h.frameType() == ZclHeader.FrameType.GLOBAL) {
            s += " (general)";
        }
        if (h.manufacturerSpecific()) {
            s += String.format(Locale.ROOT, " mfr 0x%04x", h.manufacturerCode());
        }
        return s;
    }
}
