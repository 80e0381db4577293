package dev.switchboard.it.support;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Prefixes what a {@link Tagged} method returns with "tagged:", so a test sees that the interceptor ran. */
@Tagged
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class TaggingInterceptor {

    @AroundInvoke
    Object tag(InvocationContext call) throws Exception {
        return "tagged:" + call.proceed();
    }
}
