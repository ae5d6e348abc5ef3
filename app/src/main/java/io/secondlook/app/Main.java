package io.secondlook.app;

/** Entry point: no arguments opens the workstation, any argument runs the command line. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("SecondLook");
    }
}
