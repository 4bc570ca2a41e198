package io.hansim.device.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A staged firmware distribution (the SR that distributes firmware): exactly one image for all its
 * targets (R202.5, MP202 §7: "Only one firmware image can be included in the Service Request"), so
 * there is no per-variant choice; devices the image does not fit are filtered by R7.6 from the
 * image's hardware range.
 *
 * @param image   the one image
 * @param targets the EUI-64s the distribution is addressed to, in order
 */
public record Distribution(ImageIdentity image, List<Long> targets) {

    public Distribution {
        Objects.requireNonNull(image, "image");
        targets = List.copyOf(targets);
    }

    /**
     * Builds a distribution from the images a caller offers, refusing anything but one (R202.5).
     *
     * @throws InventoryException {@code DISTRIBUTION_NOT_ONE_IMAGE}
     */
    public static Distribution of(Collection<ImageIdentity> images, List<Long> targets) {
        if (images.size() != 1) {
            throw new InventoryException(RefusalReason.DISTRIBUTION_NOT_ONE_IMAGE,
                    "distribution with " + images.size() + " images");
        }
        return new Distribution(images.iterator().next(), targets);
    }
}
