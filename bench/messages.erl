%% 2,000,000 messages between two processes: the producer streams batches
%% of 100 and waits for an acknowledgement after each, so the consumer's
%% mailbox never holds more than a batch.
-module(messages).
-export([main/1]).

-define(MESSAGES, 2000000).
-define(BATCH, 100).

main(_) ->
    Self = self(),
    Consumer = spawn(fun() -> consume(Self, 0, 0) end),
    produce(Consumer, ?MESSAGES div ?BATCH),
    Consumer ! {done, Self},
    receive
        {sum, Sum} -> erlang:display(Sum)
    end.

produce(_Consumer, 0) -> ok;
produce(Consumer, Batches) ->
    send_batch(Consumer, Batches, ?BATCH),
    receive
        ack -> produce(Consumer, Batches - 1)
    end.

send_batch(_Consumer, _Batch, 0) -> ok;
send_batch(Consumer, Batch, I) ->
    Consumer ! {msg, Batch * I},
    send_batch(Consumer, Batch, I - 1).

consume(Producer, Count, Sum) ->
    receive
        {msg, N} when Count + 1 =:= ?BATCH ->
            Producer ! ack,
            consume(Producer, 0, Sum + N);
        {msg, N} ->
            consume(Producer, Count + 1, Sum + N);
        {done, From} ->
            From ! {sum, Sum}
    end.
