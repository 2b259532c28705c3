"""kefu-check: a customer-service agreement (客服服务协议) as a forward-chaining rule set."""

__version__ = "0.1.0"
