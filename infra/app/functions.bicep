// The Functions app on Flex Consumption (.NET 10 isolated), with a system-assigned identity that may use the
// storage account's blobs, queues and tables (what Durable Functions needs), and the app's settings.
param name string
param planName string
param location string
param tags object
param storageAccountName string
param deploymentContainerName string
param applicationInsightsConnectionString string
param azureOpenAIEndpoint string
param azureOpenAIDeployment string
param allowedHosts array
@secure()
param approvalSigningKey string
@secure()
param teamsWebhookUrl string
param defaultApprovers array

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var baseSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.name }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: applicationInsightsConnectionString }
  { name: 'AzureOpenAI__Endpoint', value: azureOpenAIEndpoint }
  { name: 'AzureOpenAI__Deployment', value: azureOpenAIDeployment }
  { name: 'Approvals__SigningKey', value: approvalSigningKey }
  { name: 'Approvals__PublicBaseUrl', value: 'https://${name}.azurewebsites.net' }
  { name: 'Notifications__Teams__WebhookUrl', value: teamsWebhookUrl }
]
var hostSettings = [for (host, index) in allowedHosts: { name: 'Tools__Http__AllowedHosts__${index}', value: host }]
var approverSettings = [for (approver, index) in defaultApprovers: { name: 'Approvals__DefaultApprovers__${index}', value: approver }]

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: 40
        instanceMemoryMB: 2048
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: concat(baseSettings, hostSettings, approverSettings)
    }
  }
}

// Storage Blob Data Owner, Storage Queue Data Contributor, Storage Table Data Contributor.
var storageRoles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource roleAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in storageRoles: {
  name: guid(storage.id, app.id, role)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}]

output name string = app.name
output url string = 'https://${app.properties.defaultHostName}'
