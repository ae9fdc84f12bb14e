"""Configs of Hydra itself (hydra/ groups), found on the primary config path."""
