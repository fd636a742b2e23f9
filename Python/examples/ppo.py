"""PPO in one file, in the style of CleanRL's ppo.py (written for this package, not CleanRL's
code): `python3 Python/examples/ppo.py --env-id SwiftRL/CartPole-v1`.

The environments come from `gymnasium.make_vec`, which for a SwiftRL id returns the Swift vector
environment (all copies stepped in one call); any other Gymnasium id works too (then through
Gymnasium's SyncVectorEnv). Copies reset in the same step their episode ends (same-step
autoreset, as CleanRL's Gymnasium 0.29 loop expects), so every stored transition is a real one.
Opt-in (not in CI): it needs PyTorch."""

import argparse
import pathlib
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import gymnasium as gym  # noqa: E402
import numpy as np  # noqa: E402
import torch  # noqa: E402
from gymnasium.vector import AutoresetMode  # noqa: E402
from torch import nn  # noqa: E402
from torch.distributions import Categorical  # noqa: E402

import swiftrl  # noqa: E402, F401  (registers SwiftRL/…)


def arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--env-id", default="SwiftRL/CartPole-v1")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--total-timesteps", type=int, default=500_000)
    parser.add_argument("--learning-rate", type=float, default=2.5e-4)
    parser.add_argument("--num-envs", type=int, default=4)
    parser.add_argument("--num-steps", type=int, default=128)
    parser.add_argument("--anneal-lr", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--gamma", type=float, default=0.99)
    parser.add_argument("--gae-lambda", type=float, default=0.95)
    parser.add_argument("--num-minibatches", type=int, default=4)
    parser.add_argument("--update-epochs", type=int, default=4)
    parser.add_argument("--clip-coef", type=float, default=0.2)
    parser.add_argument("--ent-coef", type=float, default=0.01)
    parser.add_argument("--vf-coef", type=float, default=0.5)
    parser.add_argument("--max-grad-norm", type=float, default=0.5)
    parser.add_argument("--torch-threads", type=int, default=1)
    return parser.parse_args()


def layer(inputs, outputs, scale=np.sqrt(2)):
    linear = nn.Linear(inputs, outputs)
    nn.init.orthogonal_(linear.weight, scale)
    nn.init.zeros_(linear.bias)
    return linear


class Agent(nn.Module):
    def __init__(self, observations, actions):
        super().__init__()
        self.critic = nn.Sequential(layer(observations, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, 1, 1.0))
        self.actor = nn.Sequential(layer(observations, 64), nn.Tanh(), layer(64, 64), nn.Tanh(), layer(64, actions, 0.01))

    def value(self, observation):
        return self.critic(observation)

    def act(self, observation, action=None):
        distribution = Categorical(logits=self.actor(observation))
        if action is None:
            action = distribution.sample()
        return action, distribution.log_prob(action), distribution.entropy(), self.critic(observation)


def main():
    args = arguments()
    torch.set_num_threads(args.torch_threads)
    torch.manual_seed(args.seed)
    np.random.seed(args.seed)
    if args.env_id.startswith("SwiftRL/"):
        envs = gym.make_vec(args.env_id, num_envs=args.num_envs, autoreset_mode=AutoresetMode.SAME_STEP)
    else:
        envs = gym.wrappers.vector.RecordEpisodeStatistics(gym.make_vec(
            args.env_id, num_envs=args.num_envs, vectorization_mode="sync",
            vector_kwargs={"autoreset_mode": AutoresetMode.SAME_STEP}))
    assert isinstance(envs.single_action_space, gym.spaces.Discrete), "this PPO takes Discrete actions"
    observation_size = int(np.prod(envs.single_observation_space.shape))
    agent = Agent(observation_size, int(envs.single_action_space.n))
    optimizer = torch.optim.Adam(agent.parameters(), lr=args.learning_rate, eps=1e-5)

    batch_size = args.num_envs * args.num_steps
    minibatch_size = batch_size // args.num_minibatches
    iterations = args.total_timesteps // batch_size
    observations = torch.zeros((args.num_steps, args.num_envs, observation_size))
    actions = torch.zeros((args.num_steps, args.num_envs), dtype=torch.long)
    log_probabilities = torch.zeros((args.num_steps, args.num_envs))
    rewards = torch.zeros((args.num_steps, args.num_envs))
    dones = torch.zeros((args.num_steps, args.num_envs))
    values = torch.zeros((args.num_steps, args.num_envs))

    global_step = 0
    returns_seen = []
    start = time.perf_counter()
    observation, _ = envs.reset(seed=args.seed)
    # The vector's arrays are shared with Swift and overwritten by each step: torch.tensor copies.
    next_observation = torch.tensor(observation, dtype=torch.float32)
    next_done = torch.zeros(args.num_envs)
    for iteration in range(1, iterations + 1):
        if args.anneal_lr:
            optimizer.param_groups[0]["lr"] = (1.0 - (iteration - 1.0) / iterations) * args.learning_rate
        for step in range(args.num_steps):
            global_step += args.num_envs
            observations[step] = next_observation
            dones[step] = next_done
            with torch.no_grad():
                action, log_probability, _, value = agent.act(next_observation)
            values[step] = value.flatten()
            actions[step] = action
            log_probabilities[step] = log_probability
            observation, reward, terminated, truncated, infos = envs.step(action.numpy())
            rewards[step] = torch.tensor(reward)
            next_observation = torch.tensor(observation, dtype=torch.float32)
            next_done = torch.tensor(np.logical_or(terminated, truncated), dtype=torch.float32)
            if hasattr(envs, "finished_episodes"):  # the Swift vector's own episode statistics
                returns_seen += [record.episode_return for record in envs.finished_episodes()]
            elif "episode" in infos:
                returns_seen += infos["episode"]["r"][infos["_episode"]].tolist()

        with torch.no_grad():
            next_value = agent.value(next_observation).reshape(1, -1)
            advantages = torch.zeros_like(rewards)
            last = 0
            for t in reversed(range(args.num_steps)):
                not_done = 1.0 - (next_done if t == args.num_steps - 1 else dones[t + 1])
                following = next_value if t == args.num_steps - 1 else values[t + 1]
                delta = rewards[t] + args.gamma * following * not_done - values[t]
                advantages[t] = last = delta + args.gamma * args.gae_lambda * not_done * last
            targets = advantages + values

        flat = (observations.reshape(-1, observation_size), actions.reshape(-1), log_probabilities.reshape(-1),
                advantages.reshape(-1), targets.reshape(-1), values.reshape(-1))
        order = np.arange(batch_size)
        for _ in range(args.update_epochs):
            np.random.shuffle(order)
            for begin in range(0, batch_size, minibatch_size):
                index = order[begin:begin + minibatch_size]
                batch_observations, batch_actions, old_log, batch_advantages, batch_targets, batch_values = (part[index] for part in flat)
                _, new_log, entropy, new_value = agent.act(batch_observations, batch_actions)
                ratio = (new_log - old_log).exp()
                batch_advantages = (batch_advantages - batch_advantages.mean()) / (batch_advantages.std() + 1e-8)
                policy_loss = torch.max(-batch_advantages * ratio,
                                        -batch_advantages * torch.clamp(ratio, 1 - args.clip_coef, 1 + args.clip_coef)).mean()
                new_value = new_value.view(-1)
                clipped = batch_values + torch.clamp(new_value - batch_values, -args.clip_coef, args.clip_coef)
                value_loss = 0.5 * torch.max((new_value - batch_targets) ** 2, (clipped - batch_targets) ** 2).mean()
                loss = policy_loss - args.ent_coef * entropy.mean() + value_loss * args.vf_coef
                optimizer.zero_grad()
                loss.backward()
                nn.utils.clip_grad_norm_(agent.parameters(), args.max_grad_norm)
                optimizer.step()

        if iteration % max(1, iterations // 10) == 0 or iteration == iterations:
            recent = returns_seen[-100:]
            mean = f"{np.mean(recent):.1f}" if recent else "-"
            print(f"global_step={global_step:,}  episodes={len(returns_seen):,}  mean return (last 100)={mean}  "
                  f"SPS={int(global_step / (time.perf_counter() - start)):,}", flush=True)
    envs.close()
    return float(np.mean(returns_seen[-100:])) if returns_seen else 0.0


if __name__ == "__main__":
    main()
