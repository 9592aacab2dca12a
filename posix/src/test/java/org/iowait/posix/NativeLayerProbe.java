package org.iowait.posix;

/** Prints the layer a fresh JVM chooses, or why none can run: the choice is made once per JVM. */
public final class NativeLayerProbe {
    private NativeLayerProbe() {
    }

    public static void main(String[] args) {
        try {
            System.out.println(NativeLayer.kind().id() + ": " + NativeLayer.reason());
        } catch (IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
        }
    }
}
