package io.hansim.device.node;

/**
 * A battery device's radio duty cycle as its roles see it (requirements G.3: the GSME sleeps and polls
 * the CH when it wakes). A role that has work on the air keeps the device awake with
 * {@link #stayAwake} until it {@link Hold#release releases}; a role that needs the air later asks to be
 * run at the next wake with {@link #atNextWake}. A mains-powered device has {@link #ALWAYS_AWAKE}.
 *
 * <p>Helper roles written later (firmware download through the GSME's wake-ups) use the same two calls,
 * so nothing else needs to know how the device sleeps.
 */
public interface WakeCycle {
    /** One reason to stay awake; the device may sleep when no hold is left. */
    interface Hold {
        /** Gives the hold back; a second call does nothing. */
        void release();
    }

    /** Whether the radio is on now. */
    boolean awake();

    /** Keeps the radio on until the hold is released (named for traces and tests). */
    Hold stayAwake(String why);

    /** Runs {@code action} at the start of the next wake (at once if awake now, after the current work). */
    void atNextWake(Runnable action);

    /** Runs {@code action} at the start of every wake, the first one (at boot) too. */
    void onEveryWake(Runnable action);

    /** A device whose radio never sleeps: holds are free, "next wake" is now. */
    WakeCycle ALWAYS_AWAKE = new WakeCycle() {
        @Override
        public boolean awake() {
            return true;
        }

        @Override
        public Hold stayAwake(String why) {
            return () -> { };
        }

        @Override
        public void atNextWake(Runnable action) {
            action.run();
        }

        @Override
        public void onEveryWake(Runnable action) {
            // never wakes: it never sleeps
        }
    };
}
