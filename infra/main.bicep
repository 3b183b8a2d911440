// Deploys ExecutionPlanFunctions: a resource group with the Functions app (Flex Consumption, .NET 10 isolated),
// its storage (Durable's task hub and the deployment package, reached with the app's managed identity), and
// Application Insights. Used by `azd up` (see azure.yaml) or `az deployment sub create`.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the environment; it names the resource group and tags every resource (azd-env-name).')
param environmentName string

@minLength(1)
@description('Azure region of every resource.')
param location string

@description('Azure OpenAI endpoint, e.g. https://my-openai.openai.azure.com. Empty: plans can still be submitted as JSON.')
param azureOpenAIEndpoint string = ''

@description('Azure OpenAI deployment (model) name.')
param azureOpenAIDeployment string = ''

@description('Hosts the http_request tool may call.')
param allowedHosts array = []

@secure()
@description('Secret for signed approval links, at least 32 bytes. Empty: no review page links and no notifications.')
param approvalSigningKey string = ''

@description('Teams Workflows or Incoming Webhook URL for approval cards. Empty: no Teams.')
@secure()
param teamsWebhookUrl string = ''

@description('Approvers of plans that name none (e.g. email addresses).')
param defaultApprovers array = []

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource resourceGroup 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module monitoring 'core/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    name: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage 'core/storage.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
  }
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: resourceGroup
  params: {
    name: 'func-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.connectionString
    azureOpenAIEndpoint: azureOpenAIEndpoint
    azureOpenAIDeployment: azureOpenAIDeployment
    allowedHosts: allowedHosts
    approvalSigningKey: approvalSigningKey
    teamsWebhookUrl: teamsWebhookUrl
    defaultApprovers: defaultApprovers
  }
}

output AZURE_RESOURCE_GROUP string = resourceGroup.name
output FUNCTION_APP_NAME string = functions.outputs.name
output FUNCTION_APP_URL string = functions.outputs.url
