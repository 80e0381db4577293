package dev.switchboard.adapter.redis;

import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;

/** One namespace's adapter as its {@link RedisNode} sees it: what it subscribes to, and the messages for it. */
interface RedisNamespace {

    /** Subscribes this namespace's channels; again after every new subscriber connection. */
    void subscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber);

    /** Lets go of this namespace's channels: it is closed. */
    void unsubscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber);

    /** Whether a message on this channel is for this namespace. */
    boolean owns(String channel);

    /** A message on one of its channels. On Lettuce's thread: never blocks. */
    void onMessage(String channel, byte[] message);

    /** Completes every request still waiting for other nodes: the node is leaving. */
    void abandonRequests();
}
