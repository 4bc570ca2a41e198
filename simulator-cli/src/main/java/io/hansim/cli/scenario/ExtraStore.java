package io.hansim.cli.scenario;

/**
 * A manufacturer's extra data store beyond SMETS, e.g. top-up history or debt recovery (R56.4).
 *
 * @param name       the store's name, e.g. {@code topUpHistory}
 * @param clearOnCoT whether a Change of Tenancy clears it (default true; false keeps it and the
 *                   report names it, R56.4)
 * @param position   where the store's key is written
 */
public record ExtraStore(String name, boolean clearOnCoT, Position position) {
}
