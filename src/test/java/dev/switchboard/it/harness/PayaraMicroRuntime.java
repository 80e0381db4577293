package dev.switchboard.it.harness;

import java.io.File;

/** Payara Micro's runtime API, reached by reflection so the tests need no Payara jar on their class path. */
final class PayaraMicroRuntime implements Deployer {
    private final Object runtime;

    PayaraMicroRuntime() throws ReflectiveOperationException {
        Class<?> micro = Class.forName("fish.payara.micro.PayaraMicro");
        Object instance = micro.getMethod("getInstance").invoke(null);
        runtime = micro.getMethod("getRuntime").invoke(instance);
    }

    @Override
    public boolean deploy(String name, File war) throws ReflectiveOperationException {
        return (Boolean) runtime.getClass().getMethod("deploy", String.class, String.class, File.class).invoke(runtime, name, name, war);
    }

    @Override
    public void undeploy(String name) throws ReflectiveOperationException {
        runtime.getClass().getMethod("undeploy", String.class).invoke(runtime, name);
    }
}
